import { app, globalShortcut, session } from 'electron';
import path from 'node:path';
import { loadEngine } from '../engine';
import { createDispatcher } from '../host/dispatch';
import { createHostEngine } from '../host/engineHost';
import { parseSimArgs } from '../host/simulator/simulatorSupervisor';
import { KeytarSecretStore } from '../host/secrets/keytarStore';
import { maxUnackedFromEnv } from './eventFlow';
import { connectIpc } from './ipc';
import { installMenu } from './menu';
import { hardenSession } from './security';
import { reportStartFailure } from './startFailure';
import { createMainWindow } from './window';

/** Loads every module the app needs, the engine's native SQLite among them; throws when one cannot load. */
export async function loadModules(): Promise<void> {
  await loadEngine();
}

/**
 * Electron main stays thin: keychain, window, menu and the IPC transport. The engine is the same
 * code `arbdesk serve` runs. Throws when the app cannot start; the caller reports it.
 */
export async function startDesktop(): Promise<void> {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
  hardenSession(session.defaultSession);

  const dataDir = process.env.ARBDESK_DATA_DIR ? path.resolve(process.env.ARBDESK_DATA_DIR) : app.getPath('userData');
  // Venues without keys run against the simulator: the CLI bundle run by Electron as Node.
  const hosted = await createHostEngine({
    host: 'electron',
    dataDir,
    secrets: new KeytarSecretStore(),
    simulator: { cliPath: path.join(app.getAppPath(), 'out', 'cli', 'arbdesk.mjs'), execPath: process.execPath, args: parseSimArgs(process.env.ARBDESK_SIM_ARGS) },
    log: (m) => console.error(m),
  });
  try {
    const engine = hosted.engine;
    const dispatch = createDispatcher(engine);
    // A window that cannot show the app (its page or its preload failed) is a failed start too.
    const main = createMainWindow((reason) => void reportStartFailure(new Error(reason), () => hosted.close()));
    const ipc = connectIpc(engine, dispatch, { ...main, maxUnackedEvents: maxUnackedFromEnv(process.env.ARBDESK_IPC_MAX_UNACKED) });
    installMenu({
      state: () => engine.snapshot(),
      engageKillSwitch: () => void dispatch({ type: 'request', id: 'menu', command: 'killSwitch', payload: {} }),
    });
    app.on('second-instance', () => {
      if (main.window.isDestroyed()) return;
      if (main.window.isMinimized()) main.window.restore();
      main.window.focus();
    });
    // Quitting waits for the engine to close (ledger, venues, the simulator child).
    let closed = false;
    app.on('will-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      globalShortcut.unregisterAll();
      ipc.dispose();
      void hosted.close().finally(() => {
        closed = true;
        app.quit();
      });
    });
  } catch (e) {
    await hosted.close();
    throw e;
  }
}
