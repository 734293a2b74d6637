import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { ROOT, startServe } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';

type Serve = Awaited<ReturnType<typeof startServe>>;

describe('the UI shell under arbdesk serve, in Chromium', () => {
  let serve: Serve;
  let browser: Browser;
  const dir = tempDir();

  beforeAll(async () => {
    serve = await startServe(dir.path);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    dir.remove();
  });

  it('shows the shell: mode, breaker, kill switch and every pane', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(serve.uiUrl);

    await expect.poll(() => page.getByLabel('Mode: paper').textContent()).toBe('PAPER');
    await expect.poll(() => page.getByLabel('Engine: open').isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: 'Opportunities' }).isVisible()).toBe(true);
    // The breaker shows '—' until the first snapshot arrives.
    await expect.poll(() => page.getByLabel('Breaker state').textContent()).toContain('ARMED');
    for (const tab of ['Positions', 'Activity', 'Risk', 'Venues', 'Links', 'Settings']) {
      expect(await page.getByRole('tab', { name: tab }).isVisible()).toBe(true);
    }
    expect(await page.getByRole('table', { name: 'Positions' }).isVisible()).toBe(true);
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=');

    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'shell.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the Kill switch button opens the breaker without asking; Re-arm asks first', async () => {
    const page = await browser.newPage();
    await page.goto(serve.uiUrl);
    await page.getByRole('button', { name: 'Kill switch' }).click();
    await expect.poll(() => page.getByLabel('Breaker state').textContent()).toContain('HALTED');
    await page.getByRole('tab', { name: 'Risk' }).click();
    await page.getByRole('button', { name: 'Re-arm' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-arm the breaker?' });
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Re-arm' }).click();
    await expect.poll(() => page.getByLabel('Breaker state').textContent()).toContain('ARMED');
    await page.close();
  });

  it('without the token the page says what it needs and the engine refuses it', async () => {
    const page = await browser.newPage();
    await page.goto(`${serve.baseUrl}/`);
    expect(await page.getByRole('alert').textContent()).toContain('needs the session token');
    const status = await page.evaluate(async () => (await fetch('/api/state')).status);
    expect(status).toBe(401);
    const wsRefused = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const ws = new WebSocket(`ws://${location.host}/ws`, ['arbdesk.v1']);
          ws.onopen = () => resolve(false);
          ws.onerror = () => resolve(true);
        }),
    );
    expect(wsRefused).toBe(true);
    await page.close();
  });
});
