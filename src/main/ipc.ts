import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { errorResponse } from '../shared/contract';
import { IPC_EVENT, IPC_REQUEST } from '../shared/ipcChannels';
import type { IDisposable } from '../shared/lifecycle';
import type { Engine } from '../engine';
import type { Dispatch } from '../host/dispatch';
import { isTrustedRendererUrl } from './security';

/**
 * The contract over Electron IPC. Every request is checked twice: the sender must be our own
 * window's main frame showing our own page, and the payload must match the contract schema.
 */
export function connectIpc(engine: Engine, dispatch: Dispatch, main: { window: BrowserWindow; rendererUrl: string }): IDisposable {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return (
      frame !== null &&
      event.sender === main.window.webContents &&
      frame === main.window.webContents.mainFrame &&
      isTrustedRendererUrl(frame.url, main.rendererUrl)
    );
  };
  ipcMain.handle(IPC_REQUEST, (event, raw: unknown) => {
    if (!trusted(event)) return errorResponse(null, 'unauthorized', 'Request from an untrusted frame');
    return dispatch(raw);
  });
  const subscription = engine.onEvent((event) => {
    if (!main.window.isDestroyed()) main.window.webContents.send(IPC_EVENT, { type: 'event', ...event });
  });
  return {
    dispose() {
      ipcMain.removeHandler(IPC_REQUEST);
      subscription.dispose();
    },
  };
}
