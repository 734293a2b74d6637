import type { ArbdeskBridge, BridgeConnection } from '../../../shared/contract/envelope';

export { tokenFromText } from './token';

const TOKEN_KEY = 'arbdesk.token';
const REQUEST_TIMEOUT_MS = 30_000;

/** Reads the session token from the URL fragment (then removes it from the address), keeping it for this tab only. */
export function takeSessionToken(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return storage.getItem(TOKEN_KEY);
}

export function storeSessionToken(storage: Storage, token: string): void {
  storage.setItem(TOKEN_KEY, token);
}

interface Pending {
  resolve(raw: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

/** Whether the engine accepts the token, refuses it, or cannot be reached (asked after a failed connection). */
export type AuthProbe = () => Promise<'ok' | 'unauthorized' | 'unreachable'>;

const unavailable = (id: number | null, message: string) => ({ type: 'response', id, ok: false, error: { code: 'unavailable', message, field: null } });

/**
 * The contract over a WebSocket to `arbdesk serve`, with the same shape as the Electron preload's
 * bridge. Reconnects with backoff. A request made while the engine is unreachable fails at once
 * (`unavailable`), never waits for a reconnect: a kill switch must know it was not delivered.
 * Requests in flight when the socket drops fail the same way. A connection refused for its token
 * (the engine restarted with a new one) is reported as `unauthorized` instead of retried forever.
 */
export function createWebSocketBridge(url: string, token: string, probe?: AuthProbe): ArbdeskBridge {
  const eventListeners = new Set<(raw: unknown) => void>();
  const connectionListeners = new Set<(state: BridgeConnection) => void>();
  const pending = new Map<number, Pending>();
  let socket: WebSocket | null = null;
  let state: BridgeConnection = 'connecting';
  let nextId = 1;
  let retry = 0;

  const setState = (next: BridgeConnection) => {
    if (next === state && next !== 'connecting') return;
    state = next;
    for (const l of connectionListeners) l(next);
  };

  const failPending = (message: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.resolve(unavailable(id, message));
    }
    pending.clear();
  };

  const scheduleReconnect = () => {
    const delay = Math.min(10_000, 250 * 2 ** retry++);
    setTimeout(connect, delay);
  };

  function connect() {
    setState('connecting');
    let opened = false;
    const ws = new WebSocket(url, ['arbdesk.v1', `token.${token}`]);
    socket = ws;
    ws.onopen = () => {
      opened = true;
      retry = 0;
      setState('open');
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
      if (opened || !probe) return scheduleReconnect();
      // Never opened: the engine may be down, or up with another token.
      void probe().then(
        (answer) => (answer === 'unauthorized' ? setState('unauthorized') : scheduleReconnect()),
        () => scheduleReconnect(),
      );
    };
  }
  connect();

  return {
    transport: 'websocket',
    request(command, payload) {
      const id = nextId++;
      if (state !== 'open' || socket === null || socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve(unavailable(id, state === 'unauthorized' ? 'The engine refused this window\'s session token' : 'The engine is unreachable'));
      }
      return new Promise<unknown>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(unavailable(id, `${command} timed out`));
        }, REQUEST_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        socket!.send(JSON.stringify({ type: 'request', id, command, payload }));
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
