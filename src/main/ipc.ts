import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { errorResponse } from '../shared/contract';
import { IPC_EVENT, IPC_EVENT_ACK, IPC_EVENT_FLOW, IPC_REQUEST } from '../shared/ipcChannels';
import type { IDisposable } from '../shared/lifecycle';
import type { Engine } from '../engine';
import type { Dispatch } from '../host/dispatch';
import { EventFlow } from './eventFlow';
import { isTrustedRendererUrl } from './security';

/**
 * The contract over Electron IPC. Every request is checked twice: the sender must be our own
 * window's main frame showing our own page, and the payload must match the contract schema.
 * Pushed events are flow-controlled (eventFlow.ts): a window that stops reading them is not sent
 * more without bound.
 */
export function connectIpc(engine: Engine, dispatch: Dispatch, main: { window: BrowserWindow; rendererUrl: string; maxUnackedEvents?: number }): IDisposable {
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
  const send = (channel: string, message: unknown) => {
    if (!main.window.isDestroyed()) main.window.webContents.send(channel, message);
  };
  const flow = new EventFlow({ event: (message) => send(IPC_EVENT, message), flow: (signal) => send(IPC_EVENT_FLOW, signal) }, main.maxUnackedEvents);
  ipcMain.handle(IPC_EVENT_ACK, (event, ack: unknown) => {
    if (!trusted(event)) return errorResponse(null, 'unauthorized', 'Acknowledgement from an untrusted frame');
    const problem = flow.acknowledge(ack);
    return problem === null ? { ok: true } : errorResponse(null, 'invalid_request', `event acknowledgement: ${problem}`);
  });
  const subscription = engine.onEvent((event) => flow.push(event));
  return {
    dispose() {
      ipcMain.removeHandler(IPC_REQUEST);
      ipcMain.removeHandler(IPC_EVENT_ACK);
      subscription.dispose();
    },
  };
}
