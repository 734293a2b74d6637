import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isTrustedRendererUrl, secureWebPreferences } from '../../../src/main/security';
import { ROOT } from '../../helpers/cli';

// Electron's security checklist (docs/tutorial/security.md), checked against the source and the
// built main bundle, since these machines cannot run Electron itself.
// The main bundle: its entry and the chunk it loads once the app is ready.
const built = () => {
  const dir = path.join(ROOT, 'out', 'main');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  return files.map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
};
const source = (file: string) => readFileSync(path.join(ROOT, 'src', 'main', file), 'utf8');

describe('Electron security checklist', () => {
  it('isolates, sandboxes and denies Node to the renderer (items 2, 3, 4, 6, 9, 10)', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(source('window.ts')).toContain('webPreferences: secureWebPreferences(');
  });

  it('defines a strict Content-Security-Policy (item 7)', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-inline'");
    const html = readFileSync(path.join(ROOT, 'out', 'renderer', 'index.html'), 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self';/);
    expect(built()).toContain('onHeadersReceived');
  });

  it('limits navigation with parsed URLs, not prefixes (item 13)', () => {
    const file = 'file:///opt/ArbDesk/resources/app/out/renderer/index.html';
    expect(isTrustedRendererUrl(file, file)).toBe(true);
    expect(isTrustedRendererUrl('file:///etc/passwd', file)).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/', file)).toBe(false);
    const dev = 'http://localhost:5173/';
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:51730/', dev)).toBe(false);
    expect(isTrustedRendererUrl('not a url', dev)).toBe(false);
    const b = built();
    expect(b).toContain('will-navigate');
    expect(b).toContain('will-redirect');
    expect(b).toContain('will-attach-webview');
  });

  it('denies new windows, permissions, and opens nothing external but documentation (items 5, 14, 15)', () => {
    const b = built();
    expect(b).toContain('setWindowOpenHandler');
    expect(b).toMatch(/action: "deny"/);
    expect(b).toContain('setPermissionRequestHandler');
    expect(b).toContain('setPermissionCheckHandler');
    expect(source('window.ts')).toMatch(/shell\.openExternal\(url\)/);
    expect(source('window.ts')).toMatch(/if \(isAllowedExternalUrl\(url\)\) void shell\.openExternal\(url\)/);
  });

  it('validates the sender of every IPC message (item 17) and exposes no raw ipcRenderer', () => {
    const ipc = source('ipc.ts');
    expect(ipc).toContain('event.senderFrame');
    expect(ipc).toContain('isTrustedRendererUrl(frame.url');
    expect(ipc).toMatch(/if \(!trusted\(event\)\) return errorResponse\(null, 'unauthorized'/);
    const preload = readFileSync(path.join(ROOT, 'out', 'preload', 'index.cjs'), 'utf8');
    expect(preload).toMatch(/exposeInMainWorld\("arbdesk"/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
    expect(preload).not.toContain('ipcRenderer.send(');
  });

  it('runs one instance and registers the global kill-switch accelerator', () => {
    const b = built();
    expect(b).toContain('requestSingleInstanceLock');
    expect(b).toContain('globalShortcut.register');
    expect(b).toContain('CommandOrControl+Shift+K');
  });
});
