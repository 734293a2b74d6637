// Cash per venue, end to end: `arbdesk serve` on the simulator in paper mode, the UI in Chromium.
// The header and the Venues pane show each venue's paper cash; the trader sets a venue's paper
// starting cash in Settings (a bad figure is refused naming the field); the plan says when a
// venue's cash is what limits the size.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { ROOT, startServe } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

type Serve = Awaited<ReturnType<typeof startServe>>;
const SHOTS = path.join(ROOT, 'test-results');

describe('cash per venue, on the simulator', () => {
  let serve: Serve;
  let browser: Browser;
  const dir = tempDir();

  beforeAll(async () => {
    serve = await startServe(dir.path, [], { ARBDESK_SIM_ARGS: '--speed 10 --markets 20', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    dir.remove();
  });

  it('shows each venue\'s paper cash, takes a new starting cash, and the plan says when cash limits the size', async () => {
    const problems: string[] = [];
    const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(serve.uiUrl);
    const header = page.getByRole('banner', { name: 'Status' });
    await until(async () => (await header.getByLabel('Kalshi cash: $10,000.00').count()) === 1, 'Kalshi paper cash in the header', 60_000, 200);
    expect(await header.getByLabel('Polymarket cash: $10,000.00').count()).toBe(1);

    await page.getByRole('tab', { name: 'Settings' }).click();
    const kalshiCash = page.getByRole('textbox', { name: 'Kalshi paper starting cash' });
    await kalshiCash.fill('lots');
    await page.getByRole('button', { name: 'Save paper cash' }).click();
    await until(async () => /Paper cash not saved: .*balances\.kalshi/.test((await page.locator('.paper-cash [role=status]').textContent()) ?? ''), 'the refusal naming the field', 10_000, 100);
    await kalshiCash.fill('3');
    await page.getByRole('button', { name: 'Save paper cash' }).click();
    await until(async () => (await header.getByLabel('Kalshi cash: $3.00').count()) === 1, 'the new Kalshi paper cash in the header', 10_000, 100);

    await page.getByRole('tab', { name: 'Venues' }).click();
    const venues = page.getByRole('table', { name: 'Venues' });
    expect(await venues.getByLabel('Kalshi cash').textContent()).toContain('$3.00');

    // An opportunity with a Kalshi leg whose best size costs more than $3 there: the plan says cash limits it.
    const table = page.getByRole('table', { name: 'Opportunities' });
    const rows = table.locator('tbody tr[data-id]');
    await until(async () => (await rows.count()) > 0, 'rows in the table', 90_000, 200);
    const cash = page.locator('.plan-cash');
    await until(async () => {
      const n = await rows.count();
      for (let i = 0; i < Math.min(n, 15); i++) {
        await rows.nth(i).click();
        try {
          await cash.waitFor({ timeout: 3_000 });
        } catch {
          continue;
        }
        if (/^Kalshi \$3\.00 of \$[\d,.]+ needed — pays for \d+$/.test((await cash.textContent()) ?? '')) return true;
      }
      return false;
    }, 'a plan limited by the Kalshi cash', 90_000, 500);
    expect(await cash.getAttribute('class')).toContain('warn');

    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'balances-1440.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(await header.getByLabel('Kalshi cash: $3.00').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'balances-1280.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);
});
