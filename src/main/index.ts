import { app } from 'electron';
import type * as Desktop from './desktop';
import { reportStartFailure } from './startFailure';

// Only Electron and the failure report load before the app is ready. Everything else (the engine,
// its native SQLite and keychain modules) loads inside the try below, so a module that cannot load
// is reported like any other start failure: a dialog and a non-zero exit, never a silent process.
if (!app.requestSingleInstanceLock()) {
  process.stderr.write('ArbDesk is already running: its window was brought to the front.\n');
  app.quit();
} else {
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(async () => {
      let desktop: typeof Desktop;
      try {
        desktop = await import('./desktop');
        // The engine's composition loads on demand: load it now, so that a native module that
        // cannot load is reported as such.
        await desktop.loadModules();
      } catch (e) {
        throw new Error(`its modules could not be loaded (${e instanceof Error ? e.message : String(e)}); run npm install again to fetch the native modules for this platform`, { cause: e });
      }
      await desktop.startDesktop();
    })
    .catch((e: unknown) => reportStartFailure(e));
}
