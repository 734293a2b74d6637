import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ArbdeskBridge, BridgeConnection } from '../shared/contract/envelope';
import { IPC_EVENT, IPC_REQUEST } from '../shared/ipcChannels';

// Only these wrapped calls cross into the page: never ipcRenderer itself.
const bridge: ArbdeskBridge = {
  transport: 'electron',
  request: (command, payload) => ipcRenderer.invoke(IPC_REQUEST, { type: 'request', id: 0, command, payload }),
  onEvent(listener) {
    const handler = (_e: IpcRendererEvent, raw: unknown) => listener(raw);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
  onConnection(listener: (state: BridgeConnection) => void) {
    // IPC to the main process is up for as long as the page lives.
    listener('open');
    return () => undefined;
  },
};

contextBridge.exposeInMainWorld('arbdesk', bridge);
