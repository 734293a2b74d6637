// The kill switch never fails silently (issue 16, point 5), and the first run explains itself
// (point 6), in Chromium against `arbdesk serve`. The engine is stopped under a page that is
// showing it: the venues and charts go grey at once, the kill switch says in red that it was not
// delivered and keeps trying; the engine comes back with a new session token: the page says so,
// takes the new address, and delivers the kill switch it still owed.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { ROOT, startServe } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

type Serve = Awaited<ReturnType<typeof startServe>>;
const ENV = {
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
  // A world so slow that no arbitrage opens during the test: the table stays empty.
  ARBDESK_SIM_ARGS: '--speed 0.01',
};
const TOKEN_1 = 'first-session-token-0001';
const TOKEN_2 = 'second-session-token-0002';

describe('the kill switch with the engine gone, and a restart with a new token, in Chromium', () => {
  let serve: Serve;
  let browser: Browser;
  let page: Page;
  const dir = tempDir();
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    serve = await startServe(dir.path, ['--token', TOKEN_1], ENV);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(serve.uiUrl);
    await page.getByLabel('Engine: open').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    dir.remove();
  });

  it('6: the empty table says what is watched, that the venues are the simulator, and where the links await review', async () => {
    const empty = page.getByRole('status').filter({ hasText: 'No opportunities right now' });
    await expect.poll(() => empty.getByLabel('Watching').textContent(), { timeout: 60_000 }).toMatch(/[1-9]\d* Kalshi markets \(SIMULATOR, connected\) and [1-9]\d* Polymarket markets \(SIMULATOR, connected\)/);
    await expect.poll(() => empty.textContent(), { timeout: 60_000 }).toMatch(/[1-9]\d* suggested links? awaits? review in Links/);
    await empty.getByRole('button', { name: 'Review links' }).click();
    expect(await page.getByRole('tab', { name: 'Links' }).getAttribute('aria-selected')).toBe('true');
    // The one-click demo speed runs the simulator's clock 10× (and back).
    await empty.getByRole('button', { name: /^Demo speed/ }).click();
    await expect.poll(async () => ((await (await fetch(`${serve.baseUrl}/api/state`, { headers: auth(TOKEN_1) })).json()) as { simulator: { speed: number } }).simulator.speed).toBe(10);
    await empty.getByRole('button', { name: /^Demo speed on/ }).click();
    await expect.poll(async () => ((await (await fetch(`${serve.baseUrl}/api/state`, { headers: auth(TOKEN_1) })).json()) as { simulator: { speed: number } }).simulator.speed).toBe(1);
  });

  it('5: the engine stops: venue dots go grey at once, and the kill switch says in red it was not delivered, and keeps trying', async () => {
    const bar = page.getByRole('banner', { name: 'Status' });
    await expect.poll(() => bar.getByLabel(/^Kalshi: connected/).count()).toBe(1);
    const port = serve.port;
    await serve.stop();
    await expect.poll(() => page.getByLabel(/^Engine: (closed|connecting)/).count(), { timeout: 15_000 }).toBe(1);
    // Grey, not the last green: nothing is known of the venues without the engine.
    await expect.poll(() => bar.getByLabel(/^Kalshi: unknown \(engine unreachable\)/).count()).toBe(1);
    expect(await bar.locator('.venue-pill .dot').evaluateAll((dots) => dots.every((d) => !d.classList.contains('dot-ok')))).toBe(true);
    expect(await page.getByRole('alert').filter({ hasText: 'Engine unreachable' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Kill switch', exact: true }).first().click();
    const alert = page.getByRole('alertdialog', { name: /KILL SWITCH NOT DELIVERED — engine unreachable/ });
    await alert.waitFor({ timeout: 5_000 });
    expect(await alert.evaluate((el) => getComputedStyle(el).backgroundColor)).toMatch(/^rgb\((2[0-9]{2}), (\d{1,2}), (\d{1,2})\)$/);
    // It keeps trying.
    const attempt = async () => Number(/attempt (\d+)/.exec((await alert.textContent()) ?? '')?.[1] ?? 0);
    const first = await attempt();
    await expect.poll(attempt, { timeout: 10_000 }).toBeGreaterThan(first);
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'kill-switch-not-delivered.png') });

    // 5: the engine comes back on the same port with a NEW token.
    serve = await startServe(dir.path, ['--port', String(port), '--token', TOKEN_2], ENV);
    expect(serve.port).toBe(port);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'no longer accepts this window' }).count(), { timeout: 30_000 }).toBe(1);
    // Still not delivered: the old token is refused.
    expect(await alert.isVisible()).toBe(true);
    expect(((await (await fetch(`${serve.baseUrl}/api/breaker`, { headers: auth(TOKEN_2) })).json()) as { breaker: { killSwitch: boolean } }).breaker.killSwitch).toBe(false);

    // Pasting the new address into the banner reconnects — and the owed kill switch is delivered.
    // The red alert itself offers it (it blocks the rest of the screen).
    await alert.getByLabel('New ArbDesk address').fill(serve.uiUrl);
    await alert.getByRole('button', { name: 'Connect' }).click();
    await until(async () => ((await (await fetch(`${serve.baseUrl}/api/breaker`, { headers: auth(TOKEN_2) })).json()) as { breaker: { killSwitch: boolean } }).breaker.killSwitch, 'the kill switch delivered to the restarted engine', 30_000, 100);
    await expect.poll(() => page.getByLabel('Breaker state').textContent(), { timeout: 15_000 }).toContain('HALTED · KILL SWITCH');
    // The alert closes on the delivery's answer, drawn a moment after the breaker (a loaded machine).
    await expect.poll(() => page.getByRole('alertdialog').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByRole('banner', { name: 'Status' }).getByLabel(/^Kalshi: (connected|connecting)/).count(), { timeout: 30_000 }).toBe(1);
  });

  it('5: an address pasted into the address bar (only the fragment changes) is taken at once', async () => {
    const port = serve.port;
    await serve.stop();
    serve = await startServe(dir.path, ['--port', String(port), '--token', TOKEN_1], ENV);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'no longer accepts this window' }).count(), { timeout: 30_000 }).toBe(1);
    await page.evaluate((token) => {
      window.location.hash = `token=${token}`;
    }, TOKEN_1);
    await expect.poll(() => page.getByLabel('Engine: open').count(), { timeout: 30_000 }).toBe(1);
    expect(page.url()).not.toContain('token=');
  });
});
