import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { errorResponse, type ContractEvent } from '../../shared/contract';
import type { IDisposable } from '../../shared/lifecycle';
import type { Dispatch } from '../dispatch';
import { WS_PROTOCOL } from './auth';

const MAX_MESSAGE_BYTES = 1 << 20;
/** A client this far behind is dropped rather than letting the engine buffer without bound. */
const MAX_BUFFERED_BYTES = 32 << 20;

/** The contract over WebSocket: requests in, responses and pushed events out, one JSON text frame each. */
export class WebSocketTransport implements IDisposable {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  private readonly clients = new Set<WebSocket>();

  constructor(private readonly dispatch: Dispatch) {}

  /** Call only after the request has been authenticated. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  broadcast(event: ContractEvent): void {
    if (this.clients.size === 0) return;
    const frame = JSON.stringify({ type: 'event', ...event });
    for (const ws of this.clients) {
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.close(1013, 'client too slow');
        continue;
      }
      ws.send(frame);
    }
  }

  get clientCount(): number {
    return this.clients.size;
  }

  private onConnection(ws: WebSocket): void {
    this.clients.add(ws);
    ws.on('close', () => this.clients.delete(ws));
    ws.on('error', () => this.clients.delete(ws));
    ws.on('message', (data, isBinary) => {
      void this.onMessage(ws, data.toString(), isBinary);
    });
  }

  private async onMessage(ws: WebSocket, text: string, isBinary: boolean): Promise<void> {
    let raw: unknown;
    if (isBinary) {
      this.send(ws, errorResponse(null, 'invalid_request', 'Binary frames are not part of the contract; send JSON text'));
      return;
    }
    try {
      raw = JSON.parse(text);
    } catch {
      this.send(ws, errorResponse(null, 'invalid_request', 'Message is not valid JSON'));
      return;
    }
    this.send(ws, await this.dispatch(raw));
  }

  private send(ws: WebSocket, message: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  dispose(): void {
    for (const ws of this.clients) ws.terminate();
    this.clients.clear();
    this.wss.close();
  }
}
