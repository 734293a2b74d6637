import type { ArbdeskBridge, BridgeConnection } from '../../../shared/contract/envelope';

const TOKEN_KEY = 'arbdesk.token';
const REQUEST_TIMEOUT_MS = 30_000;

/** Reads the session token from the URL fragment once, then keeps it for this tab only. */
export function takeSessionToken(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return storage.getItem(TOKEN_KEY);
}

interface Pending {
  resolve(raw: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The contract over a WebSocket to `arbdesk serve`, with the same shape as the Electron preload's
 * bridge. Reconnects with backoff; requests in flight when the socket drops are answered with an
 * `unavailable` error envelope, never left hanging.
 */
export function createWebSocketBridge(url: string, token: string): ArbdeskBridge {
  const eventListeners = new Set<(raw: unknown) => void>();
  const connectionListeners = new Set<(state: BridgeConnection) => void>();
  const pending = new Map<number, Pending>();
  let socket: WebSocket | null = null;
  let state: BridgeConnection = 'connecting';
  let nextId = 1;
  let retry = 0;
  let opened: Promise<void>;
  let markOpen: () => void = () => undefined;

  const setState = (next: BridgeConnection) => {
    state = next;
    for (const l of connectionListeners) l(next);
  };

  const failPending = (message: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.resolve({ type: 'response', id, ok: false, error: { code: 'unavailable', message, field: null } });
    }
    pending.clear();
  };

  const connect = () => {
    opened = new Promise<void>((resolve) => {
      markOpen = resolve;
    });
    setState('connecting');
    const ws = new WebSocket(url, ['arbdesk.v1', `token.${token}`]);
    socket = ws;
    ws.onopen = () => {
      retry = 0;
      setState('open');
      markOpen();
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      let raw: unknown;
      try {
        raw = JSON.parse(e.data);
      } catch {
        return;
      }
      const msg = raw as { type?: unknown; id?: unknown };
      if (msg.type === 'response' && typeof msg.id === 'number' && pending.has(msg.id)) {
        const p = pending.get(msg.id)!;
        pending.delete(msg.id);
        clearTimeout(p.timer);
        p.resolve(raw);
      } else if (msg.type === 'event') {
        for (const l of eventListeners) l(raw);
      }
    };
    ws.onclose = () => {
      socket = null;
      failPending('The connection to the engine was lost');
      setState('closed');
      const delay = Math.min(10_000, 250 * 2 ** retry++);
      setTimeout(connect, delay);
    };
  };
  connect();

  return {
    transport: 'websocket',
    async request(command, payload) {
      await opened;
      const id = nextId++;
      return new Promise<unknown>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ type: 'response', id, ok: false, error: { code: 'unavailable', message: `${command} timed out`, field: null } });
        }, REQUEST_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        socket?.send(JSON.stringify({ type: 'request', id, command, payload }));
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}
