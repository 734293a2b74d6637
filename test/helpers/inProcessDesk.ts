// The desk under an in-process `arbdesk serve` (so a test can register venues or hold the
// simulator's handle where the engine runs), opened in Chromium at 1440x900: the host, the
// browser, the page, and every console error or page error it reports.
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startServe, type ServeHandle, type ServeOptions } from '../../src/host/serve/serve';
import { launchChromium } from './browser';
import { ROOT } from './cli';
import { MemorySecretStore } from './memorySecretStore';
import { until } from './until';

export interface InProcessDesk {
  serve: ServeHandle;
  browser: Browser;
  page: Page;
  /** Console errors and page errors, in order. */
  problems: string[];
  close(): Promise<void>;
}

export async function openInProcessDesk(dataDir: string, simulator: ServeOptions['simulator']): Promise<InProcessDesk> {
  const serve = await startServe({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    rendererDir: path.join(ROOT, 'out', 'renderer'),
    secrets: new MemorySecretStore(),
    simulator,
    live: { publishIntervalMs: 100, bookIntervalMs: 100, statusIntervalMs: 200 },
    log: () => undefined,
  });
  const browser = await launchChromium();
  const problems: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`http://127.0.0.1:${serve.port}/#token=${serve.token}`);
  await page.getByLabel('Engine: open').waitFor();
  return {
    serve,
    browser,
    page,
    problems,
    async close() {
      await browser.close();
      await serve.close();
    },
  };
}

/** Presses Send in the open confirmation once it is ready; resolves with the execution result's text. */
export async function sendConfirmed(page: Page, dialog: Locator): Promise<string> {
  const send = dialog.getByRole('button', { name: /^Send/ });
  await until(() => send.isEnabled(), 'Send ready', 10_000, 50);
  await send.click();
  const result = page.getByRole('status', { name: 'Execution result' });
  await result.waitFor({ timeout: 30_000 });
  return (await result.textContent()) ?? '';
}

/** Selects the opportunity's row and opens its confirmation with Execute: the dialog and its order rows. */
export async function openConfirmation(page: Page, row: Locator): Promise<{ dialog: Locator; orders: Locator }> {
  await row.click();
  const execute = page.getByRole('button', { name: 'Execute' });
  await until(() => execute.isEnabled(), 'Execute enabled', 10_000, 50);
  await execute.click();
  const dialog = page.getByRole('dialog', { name: 'Execute this basket?' });
  await dialog.waitFor();
  return { dialog, orders: dialog.getByRole('table', { name: 'Orders to send' }).locator('tbody tr') };
}
