import { app, BrowserWindow, shell } from 'electron';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { isAllowedExternalUrl, isTrustedRendererUrl, secureWebPreferences } from './security';

export interface MainWindow {
  window: BrowserWindow;
  rendererUrl: string;
}

/** Electron's code for a load that was superseded (a redirect, a second loadURL): not a failure. */
const ERR_ABORTED = -3;

/** The main window. onCannotShow: its page or its preload failed, so the app cannot be shown. */
export function createMainWindow(onCannotShow: (reason: string) => void): MainWindow {
  const outDir = path.join(app.getAppPath(), 'out');
  const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(outDir, 'renderer', 'index.html')).href;
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#0d1117',
    title: 'ArbDesk',
    icon: path.join(app.getAppPath(), 'resources', 'icon.png'),
    webPreferences: secureWebPreferences(path.join(outDir, 'preload', 'index.cjs')),
  });

  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    // Only our documentation links may leave the app, and then in the system browser.
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const guard = (event: Electron.Event, url: string) => {
    if (!isTrustedRendererUrl(url, rendererUrl)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (isMainFrame && errorCode !== ERR_ABORTED) onCannotShow(`the window could not load ${validatedURL} (${errorDescription}, ${errorCode})`);
  });
  contents.on('preload-error', (_event, preloadPath, error) => onCannotShow(`the window's preload ${preloadPath} failed: ${error.message}`));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return { window, rendererUrl };
}
