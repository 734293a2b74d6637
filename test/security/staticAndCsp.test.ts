// Issue 15, point 8: static files followed symlinks out of the renderer folder; the page's CSP
// allowed WebSockets to any host (`connect-src 'self' ws: wss:`). Both renderers are loaded in
// real Chromium: the served UI (its WebSocket to its own origin must still work) and the file://
// page Electron shows (its bridge is IPC, stood in for here by a function the page calls).
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { createDispatcher } from '../../src/host/dispatch';
import { startServe as startServeInProcess } from '../../src/host/serve/serve';
import { CHROMIUM } from '../helpers/browser';
import { ROOT, startServe } from '../helpers/cli';
import { MemorySecretStore } from '../helpers/memorySecretStore';
import { tempDir } from '../helpers/tempDir';
import { rawRequest } from './http';

const RENDERER = path.join(ROOT, 'out', 'renderer');

/** What these tests touch of the page's window (this file is type-checked without the DOM). */
interface PageWindow {
  __violations: string[];
  __ipcInvoke(raw: unknown): Promise<unknown>;
  arbdesk: unknown;
  document: { addEventListener(type: 'securitypolicyviolation', listener: (e: { effectiveDirective: string; blockedURI: string }) => void): void };
  WebSocket: new (url: string) => unknown;
  fetch(url: string): Promise<unknown>;
}

/** Every CSP violation the page reports, as "directive blocked-uri". */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = globalThis as unknown as PageWindow;
    const seen: string[] = [];
    w.__violations = seen;
    w.document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
}
const violations = (page: Page) => page.evaluate(() => (globalThis as unknown as PageWindow).__violations.slice());
/**
 * What the page needs and was refused. zod probes once whether eval is allowed (and falls back
 * when it is not): that refusal is CSP working, not the page failing.
 */
const needed = async (page: Page) => (await violations(page)).filter((v) => v !== 'script-src eval');

/** From inside the page: a WebSocket and a fetch to another origin, both of which CSP must stop. */
async function tryToReachOut(page: Page, target: string): Promise<void> {
  await page.evaluate(async (url) => {
    const w = globalThis as unknown as PageWindow;
    try {
      new w.WebSocket(url.replace(/^http/, 'ws'));
    } catch {
      // blocked synchronously in some versions
    }
    await w.fetch(url).catch(() => undefined);
  }, target);
}

describe('static files, Host and CSP', () => {
  const dir = tempDir();
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
    dir.remove();
  });

  it('serves only files whose real path is inside the renderer folder', async () => {
    const renderer = path.join(dir.path, 'renderer');
    cpSync(RENDERER, renderer, { recursive: true });
    const outside = path.join(dir.path, 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.txt'), 'THE-SECRET');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(renderer, 'leak.txt'));
    symlinkSync(outside, path.join(renderer, 'linked-dir'));
    symlinkSync(path.join(renderer, 'icon.svg'), path.join(renderer, 'icon-link.svg'));
    const serve = await startServeInProcess({ port: 0, host: '127.0.0.1', dataDir: path.join(dir.path, 'data'), rendererDir: renderer, secrets: new MemorySecretStore(), log: () => undefined });
    try {
      const get = (p: string) => rawRequest({ port: serve.port, path: p, headers: { Host: `127.0.0.1:${serve.port}` } });
      for (const p of ['/leak.txt', '/linked-dir/secret.txt', '/linked-dir/../outside/secret.txt', '/%2e%2e/outside/secret.txt', '/leak.txt%00.html']) {
        const r = await get(p);
        expect(r.status, p).toBe(404);
        expect(r.body).not.toContain('THE-SECRET');
      }
      expect((await get('/index.html')).status).toBe(200);
      expect((await get('/icon-link.svg')).status).toBe(200); // a link that stays inside is fine
    } finally {
      await serve.close();
    }
  });

  it('the page CSP lets the page connect only to its own origin', () => {
    const html = readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    const connect = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'));
    expect(connect).toBe("connect-src 'self'");
    expect(csp).not.toMatch(/\bws:|\bwss:|\*/);
  });

  it('under serve: the WebSocket to its own origin works in Chromium, anything else is blocked', async () => {
    const data = tempDir();
    const serve = await startServe(data.path);
    try {
      const shell = await rawRequest({ port: serve.port, path: '/', headers: { Host: `localhost:${serve.port}` } });
      expect(shell.headers['content-security-policy']).toContain(`connect-src 'self' ws://localhost:${serve.port};`);

      const page = await browser.newPage();
      await watchViolations(page);
      await page.goto(serve.uiUrl);
      // The breaker reads '—' until the first snapshot arrives over the WebSocket.
      await expect.poll(() => page.getByLabel('Breaker state').textContent(), { timeout: 20_000 }).toContain('ARMED');
      expect(await needed(page)).toEqual([]);
      await tryToReachOut(page, `http://localhost:${serve.port}/ws`);
      await tryToReachOut(page, 'http://evil.example/');
      await expect.poll(() => violations(page)).toEqual(expect.arrayContaining([`connect-src ws://localhost:${serve.port}/ws`, 'connect-src http://evil.example/']));
      await page.close();
    } finally {
      await serve.stop();
      data.remove();
    }
  });

  it('the file:// renderer Electron loads still runs under its CSP, and cannot connect anywhere', async () => {
    const engine = await Engine.create({ host: 'electron', dataDir: path.join(dir.path, 'electron-data'), secrets: new MemorySecretStore(), log: () => undefined });
    const dispatch = createDispatcher(engine, () => undefined);
    const page = await browser.newPage();
    try {
      await watchViolations(page);
      // The preload's bridge, with IPC replaced by a function call into this process.
      await page.exposeFunction('__ipcInvoke', (raw: unknown) => dispatch(raw));
      await page.addInitScript(() => {
        const w = globalThis as unknown as PageWindow;
        const invoke = w.__ipcInvoke;
        w.arbdesk = {
          transport: 'electron',
          request: (command: string, payload: unknown) => invoke({ type: 'request', id: 0, command, payload }),
          onEvent: () => () => undefined,
          onConnection: (listener: (s: string) => void) => {
            listener('open');
            return () => undefined;
          },
        };
      });
      await page.goto(pathToFileURL(path.join(RENDERER, 'index.html')).href);
      await expect.poll(() => page.getByLabel('Breaker state').textContent(), { timeout: 20_000 }).toContain('ARMED');
      expect(await needed(page)).toEqual([]);
      await tryToReachOut(page, 'http://127.0.0.1:7420/ws');
      await expect.poll(() => violations(page)).toEqual(expect.arrayContaining(['connect-src ws://127.0.0.1:7420/ws', 'connect-src http://127.0.0.1:7420/ws']));
    } finally {
      await page.close();
      engine.dispose();
    }
  });
});
