// Issue 15, point 7: isTrustedRendererUrl ignored the host of file: URLs, and the window-open
// allowlist's endsWith('github.com') admitted evilgithub.com. Electron cannot run on these
// machines; the checks are the exported functions the window and the IPC guard call, and the
// built main bundle is checked to call them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_HOSTS, isAllowedExternalUrl, isTrustedRendererUrl } from '../../src/main/security';
import { ROOT } from '../helpers/cli';

const PAGE = 'file:///opt/ArbDesk/resources/app/out/renderer/index.html';

describe('Electron URL checks', () => {
  it('trusts only our own file: page, host included', () => {
    expect(isTrustedRendererUrl(PAGE, PAGE)).toBe(true);
    expect(isTrustedRendererUrl(`${PAGE}#/risk`, PAGE)).toBe(true);
    expect(isTrustedRendererUrl('file://localhost/opt/ArbDesk/resources/app/out/renderer/index.html', PAGE)).toBe(true); // the same URL, normalised
    for (const foreign of [
      'file://attacker.example/opt/ArbDesk/resources/app/out/renderer/index.html',
      'file://10.0.0.5/opt/ArbDesk/resources/app/out/renderer/index.html',
      `${PAGE}?evil=1`,
      'file:///opt/ArbDesk/resources/app/out/renderer/index.html/../../../../../etc/passwd',
      'file:///opt/ArbDesk/resources/app/out/renderer/other.html',
      'https://opt/ArbDesk/resources/app/out/renderer/index.html',
    ]) {
      expect(isTrustedRendererUrl(foreign, PAGE), foreign).toBe(false);
    }
    const windowsPage = 'file:///C:/Program%20Files/ArbDesk/resources/app/out/renderer/index.html';
    expect(isTrustedRendererUrl(windowsPage, windowsPage)).toBe(true);
    expect(isTrustedRendererUrl('file://evil-share/C:/Program%20Files/ArbDesk/resources/app/out/renderer/index.html', windowsPage)).toBe(false);
  });

  it('opens only https links to exactly the listed hosts', () => {
    // The project's page and each venue's own web host (its manifest's webHosts: Polymarket US's is polymarket.us).
    expect([...EXTERNAL_LINK_HOSTS].sort()).toEqual(['github.com', 'kalshi.com', 'polymarket.com', 'polymarket.us']);
    for (const ok of ['https://github.com/arbdesk/arbdesk#readme', 'https://kalshi.com/markets/kxfed', 'https://polymarket.com/event/x', 'https://polymarket.us/markets/x']) {
      expect(isAllowedExternalUrl(ok), ok).toBe(true);
    }
    for (const bad of [
      'https://evilgithub.com/',
      'https://polymarket.us.evil.example/',
      'https://github.com.evil.example/',
      'https://gist.github.com.evil.example/',
      'https://evil.example/github.com',
      'https://evil.example/?u=https://github.com',
      'http://github.com/',
      'https://github.com:8443/',
      'https://user:pass@github.com/',
      'https://github.com@evil.example/',
      'javascript:alert(1)//github.com',
      'file:///etc/passwd',
      'github.com',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(bad), bad).toBe(false);
    }
  });

  it('the built main process uses these checks for new windows and navigation', () => {
    // The main bundle is split (index.js loads the rest once Electron is ready): read every file of it.
    const outMain = path.join(ROOT, 'out', 'main');
    const built = readdirSync(outMain, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(outMain, f), 'utf8'))
      .join('\n');
    expect(built).not.toMatch(/endsWith\(["']github\.com["']\)/);
    expect(built).toMatch(/setWindowOpenHandler\(\(\{ url \}\) => \{\s*if \(isAllowedExternalUrl\(url\)\) shell\.openExternal\(url\);\s*return \{ action: "deny" \};/);
    expect(built).toMatch(/if \(!isTrustedRendererUrl\(url, rendererUrl\)\) event\.preventDefault\(\)/);
  });
});
