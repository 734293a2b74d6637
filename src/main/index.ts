import { app } from 'electron';
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
      const { startDesktop } = await import('./desktop');
      await startDesktop();
    })
    .catch((e: unknown) => reportStartFailure(e));
}
