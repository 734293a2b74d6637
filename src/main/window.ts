import { app, BrowserWindow, shell } from 'electron';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { isAllowedExternalUrl, isTrustedRendererUrl, secureWebPreferences } from './security';

export interface MainWindow {
  window: BrowserWindow;
  rendererUrl: string;
}

export function createMainWindow(): MainWindow {
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
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return { window, rendererUrl };
}
