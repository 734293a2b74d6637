import type { ArbdeskBridge } from '../../shared/contract/envelope';

declare global {
  interface Window {
    /** Set by the Electron preload, or by the WebSocket bridge under `arbdesk serve`. */
    arbdesk?: ArbdeskBridge;
  }
}
