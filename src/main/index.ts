import { app, globalShortcut, session } from 'electron';
import path from 'node:path';
import type { Engine } from '../engine/engine';
import { createDispatcher } from '../host/dispatch';
import { createHostEngine, type HostEngine } from '../host/engineHost';
import { parseSimArgs } from '../host/simulator/simulatorSupervisor';
import { KeytarSecretStore } from '../host/secrets/keytarStore';
import { connectIpc } from './ipc';
import { installMenu } from './menu';
import { hardenSession } from './security';
import { createMainWindow, type MainWindow } from './window';

// Electron main stays thin: keychain, window, menu and the IPC transport. The engine is the same
// code `arbdesk serve` runs.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let main: MainWindow | null = null;
  let engine: Engine | null = null;
  let hosted: HostEngine | null = null;

  app.on('second-instance', () => {
    if (main && !main.window.isDestroyed()) {
      if (main.window.isMinimized()) main.window.restore();
      main.window.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    const dataDir = process.env.ARBDESK_DATA_DIR ? path.resolve(process.env.ARBDESK_DATA_DIR) : app.getPath('userData');
    // Venues without keys run against the simulator: the CLI bundle run by Electron as Node.
    hosted = await createHostEngine({
      host: 'electron',
      dataDir,
      secrets: new KeytarSecretStore(),
      simulator: { cliPath: path.join(app.getAppPath(), 'out', 'cli', 'arbdesk.mjs'), execPath: process.execPath, args: parseSimArgs(process.env.ARBDESK_SIM_ARGS) },
      log: (m) => console.error(m),
    });
    engine = hosted.engine;
    const dispatch = createDispatcher(engine);
    main = createMainWindow();
    const ipc = connectIpc(engine, dispatch, main);
    installMenu(() => void dispatch({ type: 'request', id: 'menu', command: 'killSwitch', payload: {} }));
    app.on('will-quit', () => {
      globalShortcut.unregisterAll();
      ipc.dispose();
      void hosted?.close();
    });
  });

  app.on('window-all-closed', () => app.quit());
}
