import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ArbdeskBridge, BridgeConnection } from '../shared/contract/envelope';
import { EVENT_ACK_AFTER_MS, EVENT_ACK_EVERY, IPC_EVENT, IPC_EVENT_ACK, IPC_EVENT_FLOW, IPC_REQUEST } from '../shared/ipcChannels';

// Only these wrapped calls cross into the page: never ipcRenderer itself.
const connectionListeners = new Set<(state: BridgeConnection) => void>();
let connection: BridgeConnection = 'open';
let unacknowledged = 0;

const acknowledge = (ack: { started: true } | { read: number } | { caughtUp: unknown }) => void ipcRenderer.invoke(IPC_EVENT_ACK, ack).catch(() => undefined);

let ackTimer: ReturnType<typeof setTimeout> | undefined;
const acknowledgeRead = () => {
  clearTimeout(ackTimer);
  ackTimer = undefined;
  if (unacknowledged === 0) return;
  acknowledge({ read: unacknowledged });
  unacknowledged = 0;
};

// Counted here, where the page reads them (a page too busy to run this leaves them unacknowledged),
// and acknowledged in steps of EVENT_ACK_EVERY or after EVENT_ACK_AFTER_MS, whichever comes first.
ipcRenderer.on(IPC_EVENT, () => {
  if (++unacknowledged >= EVENT_ACK_EVERY) acknowledgeRead();
  else ackTimer ??= setTimeout(acknowledgeRead, EVENT_ACK_AFTER_MS);
});
// Main paused because this page fell behind; its signal comes after every event it sent, so
// reading it means the page has caught up. On resuming, the state is reloaded as after a reconnect.
ipcRenderer.on(IPC_EVENT_FLOW, (_e: IpcRendererEvent, signal: unknown) => {
  const { state, sent } = (typeof signal === 'object' && signal !== null ? signal : {}) as { state?: unknown; sent?: unknown };
  if (state === 'paused') {
    setConnection('connecting');
    clearTimeout(ackTimer);
    ackTimer = undefined;
    unacknowledged = 0;
    acknowledge({ caughtUp: sent });
  } else if (state === 'resumed') {
    setConnection('open');
  }
});

// A (re)loaded page reads the whole state itself: nothing main sent before is owed to it.
acknowledge({ started: true });

function setConnection(state: BridgeConnection): void {
  connection = state;
  for (const listener of connectionListeners) listener(state);
}

const bridge: ArbdeskBridge = {
  transport: 'electron',
  request: (command, payload) => ipcRenderer.invoke(IPC_REQUEST, { type: 'request', id: 0, command, payload }),
  onEvent(listener) {
    const handler = (_e: IpcRendererEvent, raw: unknown) => listener(raw);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
  onConnection(listener: (state: BridgeConnection) => void) {
    // IPC to the main process is up for as long as the page lives; it pauses when the page falls behind.
    connectionListeners.add(listener);
    listener(connection);
    return () => connectionListeners.delete(listener);
  },
};

contextBridge.exposeInMainWorld('arbdesk', bridge);
