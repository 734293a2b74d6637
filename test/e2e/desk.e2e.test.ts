// The desk half of the trader's screen, in Chromium against `arbdesk serve` on the simulator with
// no keychain: risk (kill switch, re-arm, limits), venues, settings (keys, live mode), links and
// activity, each checked both on screen and through the engine's own HTTP API.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { ROOT, startServe } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

type Serve = Awaited<ReturnType<typeof startServe>>;
interface Breaker {
  breaker: { state: string; killSwitch: boolean; trips: { kind: string }[] };
  limits: Record<string, unknown>;
}
interface StateLite {
  mode: string;
  links: { id: string; status: string; sides: [{ market: string; title: string; name?: string }, { market: string; title: string; name?: string }] }[];
  venues: { venue: string; connection: string }[];
}

const SHOTS = path.join(ROOT, 'test-results');

describe('the desk panes under arbdesk serve on the simulator, in Chromium', () => {
  let serve: Serve;
  let browser: Browser;
  const dir = tempDir();
  const problems: string[] = [];

  const api = async <T,>(route: string, method = 'GET'): Promise<T> => {
    const res = await fetch(`${serve.baseUrl}${route}`, { method, headers: { Authorization: `Bearer ${serve.token}` } });
    if (!res.ok) throw new Error(`${method} ${route}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  const breaker = () => api<Breaker>('/api/breaker');
  const state = () => api<StateLite>('/api/state');

  const open = async (tab?: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(serve.uiUrl);
    await expect.poll(() => page.getByLabel('Engine: open').count()).toBe(1);
    // The connection opens before the first snapshot lands; until then the breaker reads '—'.
    await expect.poll(() => page.getByLabel('Breaker state').textContent()).not.toContain('—');
    if (tab) await page.getByRole('tab', { name: tab }).click();
    return page;
  };

  beforeAll(async () => {
    serve = await startServe(dir.path, [], {
      ARBDESK_SIM_ARGS: '--speed 10 --markets 20',
      // No Secret Service: the keys form must say so and stay disabled.
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    dir.remove();
  });

  it('the Kill switch button in the Risk pane opens the breaker at once; Re-arm asks first, then closes it', async () => {
    const page = await open('Risk');
    const panel = page.getByRole('tabpanel');
    const card = panel.getByRole('region', { name: 'Breaker' });
    expect(await card.textContent()).toContain('ARMED');

    await panel.getByRole('button', { name: 'Kill switch' }).click();
    // No dialog: the click alone engaged it.
    await expect.poll(() => card.textContent()).toContain('KILL SWITCH');
    expect(await card.textContent()).toContain('HALTED');
    expect(await card.textContent()).toContain('breaker open');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByLabel('Breaker state').textContent()).toContain('HALTED · KILL SWITCH');
    expect((await breaker()).breaker).toMatchObject({ state: 'open', killSwitch: true });
    await expect.poll(() => panel.getByRole('list', { name: 'Trips' }).textContent()).toContain('Kill switch');

    // Re-arm asks; cancelling changes nothing.
    await panel.getByRole('button', { name: 'Re-arm' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-arm the breaker?' });
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);
    expect((await breaker()).breaker.killSwitch).toBe(true);

    await panel.getByRole('button', { name: 'Re-arm' }).click();
    await dialog.getByRole('button', { name: 'Re-arm' }).click();
    await expect.poll(() => card.textContent()).toContain('ARMED');
    expect(await card.textContent()).not.toContain('KILL SWITCH');
    expect(await page.getByLabel('Breaker state').textContent()).toContain('ARMED');
    expect((await breaker()).breaker).toMatchObject({ state: 'closed', killSwitch: false });
    await page.close();
  });

  it('Ctrl+Shift+K engages the kill switch from anywhere, even while typing in a field', async () => {
    const page = await open('Activity');
    await page.getByRole('searchbox', { name: 'Search activity' }).focus();
    await page.keyboard.press('Control+Shift+K');
    await expect.poll(() => page.getByLabel('Breaker state').textContent()).toContain('KILL SWITCH');
    expect((await breaker()).breaker).toMatchObject({ state: 'open', killSwitch: true });
    await api('/api/rearm', 'POST');
    await expect.poll(() => page.getByLabel('Breaker state').textContent()).toContain('ARMED');
    await page.close();
  });

  it('limits: an invalid value shows the field\'s error and changes nothing; a valid one persists', async () => {
    const before = (await breaker()).limits;
    const page = await open('Risk');
    const dailyLoss = page.getByLabel('Max daily loss');
    expect(await dailyLoss.inputValue()).toBe(before.maxDailyLoss);

    await dailyLoss.fill('-5');
    const dailyLossError = page.locator('#limit-maxDailyLoss-error');
    expect(await dailyLossError.textContent()).toBe('must be greater than zero');
    expect(await dailyLoss.getAttribute('aria-invalid')).toBe('true');
    const perMarket = page.getByLabel('Max position per market');
    await perMarket.fill('12.5');
    expect(await page.locator('#limit-maxPositionPerMarket-error').textContent()).toBe('must be a whole number');
    await page.getByRole('button', { name: 'Save limits' }).click();
    await expect.poll(() => page.getByRole('form', { name: 'Limits' }).textContent()).toContain('nothing was saved');
    expect((await breaker()).limits).toEqual(before);

    await page.getByRole('button', { name: 'Reset' }).first().click();
    expect(await dailyLoss.inputValue()).toBe(before.maxDailyLoss);
    expect(await dailyLossError.count()).toBe(0);

    await dailyLoss.fill('123.45');
    await perMarket.fill('777');
    await page.getByRole('button', { name: 'Save limits' }).click();
    await expect.poll(() => page.getByRole('form', { name: 'Limits' }).textContent()).toContain('Limits saved.');
    expect((await breaker()).limits).toEqual({ ...before, maxDailyLoss: '123.45', maxPositionPerMarket: 777 });

    await page.reload();
    await page.getByRole('tab', { name: 'Risk' }).click();
    await expect.poll(() => page.getByLabel('Max daily loss').inputValue()).toBe('123.45');
    expect(await page.getByLabel('Max position per market').inputValue()).toBe('777');
    await page.close();
  });

  it('venues: both simulated venues show connected, with their environment', async () => {
    const page = await open('Venues');
    const table = page.getByRole('table', { name: 'Venues' });
    // Generous: on a loaded machine the simulator's first books can take a while.
    await expect.poll(() => table.getByLabel('Kalshi connection: connected').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => table.getByLabel('Polymarket connection: connected').count(), { timeout: 60_000 }).toBe(1);
    // No keys: production is selected but the simulator stands in, and the pane says so.
    expect(await table.getByRole('row', { name: 'Kalshi' }).textContent()).toContain('running Simulator (no keys)');
    expect(await table.getByRole('combobox', { name: 'Kalshi environment' }).inputValue()).toBe('production');
    await expect.poll(async () => (await state()).venues.map((v) => v.connection), { timeout: 60_000 }).toEqual(['connected', 'connected']);
    await page.close();
  });

  it('settings: without a keychain the keys form says so and is disabled', async () => {
    const page = await open('Settings');
    const keys = page.getByRole('region', { name: 'API keys' });
    expect(await keys.getByRole('alert').textContent()).toContain('No keychain available');
    for (const label of ['Kalshi API key id', 'Kalshi private key (PEM)', 'Polymarket wallet private key']) {
      expect(await page.getByLabel(label, { exact: true }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: `Save ${label}` }).isDisabled()).toBe(true);
    }
    await page.close();
  });

  it('settings: switching to live without keys cannot be confirmed: the checklist says why; the mode stays paper', async () => {
    const page = await open('Settings');
    await page.getByRole('button', { name: 'Switch to live…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Switch to live trading?' });
    const go = dialog.getByRole('button', { name: 'Go live' });
    expect(await go.isDisabled()).toBe(true);
    await dialog.getByLabel('Type LIVE to confirm').fill('live');
    expect(await go.isDisabled()).toBe(true);
    // With the phrase typed, Go live still waits for every check: the list says what is missing.
    await dialog.getByLabel('Type LIVE to confirm').fill('LIVE');
    expect(await go.isDisabled()).toBe(true);
    const checklist = await dialog.getByRole('list', { name: 'Before going live' }).textContent();
    expect(checklist).toContain('✗ Venue keys in the keychain');
    expect(checklist).toContain('✓ LIVE typed below');
    await page.keyboard.press('Escape');
    expect(await page.getByLabel('Mode: paper').textContent()).toBe('PAPER');
    expect((await state()).mode).toBe('paper');
    await page.close();
  });

  it('links: confirming a suggested link moves it to the confirmed list', async () => {
    const page = await open('Links');
    const status = page.getByRole('tablist', { name: 'Link status' });
    const table = page.getByRole('table', { name: 'Suggested links' });
    await expect.poll(() => table.locator('tbody.link-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const first = table.locator('tbody.link-row').first();
    const name = (await first.getAttribute('aria-label'))!;
    const suggestedBefore = (await state()).links.filter((l) => l.status === 'suggested').length;
    const link = (await state()).links.find((l) => `${l.sides[0].name ?? l.sides[0].title} ⇄ ${l.sides[1].name ?? l.sides[1].title}` === name && l.status === 'suggested');
    expect(link).toBeDefined();

    await first.getByRole('button', { name: `Confirm ${name}` }).click();
    await expect.poll(async () => (await state()).links.find((l) => l.id === link!.id)?.status).toBe('confirmed');
    await expect.poll(() => status.getByRole('tab', { name: /^Suggested/ }).textContent()).toContain(`(${suggestedBefore - 1})`);
    await status.getByRole('tab', { name: /^Confirmed/ }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Confirmed links' }).locator('tbody.link-row', { hasText: link!.sides[0].market.slice(7) }).count()).toBe(1);
    await page.close();
  });

  it('activity: the kind filter and the search narrow the list to matching entries', async () => {
    // Make sure there is a kill switch and a re-arm entry among others.
    await api('/api/kill-switch', 'POST');
    await api('/api/rearm', 'POST');
    const page = await open('Activity');
    const list = page.getByRole('list', { name: 'Activity' });
    const items = list.getByRole('listitem');
    await expect.poll(() => list.textContent()).toContain('re-armed by the trader');
    const all = await items.count();

    await page.getByRole('combobox', { name: 'Kind' }).selectOption('kill_switch');
    await expect.poll(() => items.count()).toBeLessThan(all);
    const kinds = await list.locator('.activity-kind').allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['kill_switch']));

    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(all);
    await page.getByRole('searchbox', { name: 'Search activity' }).fill('re-armed by the trader');
    await expect.poll(() => list.locator('.activity-kind').allTextContents()).toEqual(expect.arrayContaining(['rearm']));
    expect(new Set(await list.locator('.activity-kind').allTextContents())).toEqual(new Set(['rearm']));
    expect(await page.getByRole('status').filter({ hasText: 'entries' }).textContent()).toMatch(/^\d+ of \d+ entries/);
    await page.close();
  });

  it('positions after a paper execution, and screenshots of the Positions and Risk panes', async () => {
    const auth = { Authorization: `Bearer ${serve.token}` };
    const executed = await until(async () => {
      const list = (await (await fetch(`${serve.baseUrl}/api/opportunities?limit=20`, { headers: auth })).json()) as { id: string; size: number }[];
      for (const o of list) {
        const res = await fetch(`${serve.baseUrl}/api/opportunities/${encodeURIComponent(o.id)}/execute?size=${Math.min(o.size, 5)}`, { method: 'POST', headers: auth });
        if (res.status === 200) return (await res.json()) as { executionId: string; status: string };
      }
      return null;
    }, 'a paper execution', 90_000, 500);

    const page = await open('Positions');
    const table = page.getByRole('table', { name: 'Positions' });
    await expect.poll(() => table.getByRole('row', { name: `Basket ${executed.executionId}` }).count()).toBe(1);
    const totals = await page.getByLabel('Totals').textContent();
    expect(totals).toContain('Locked in');
    expect(totals).toContain('PAPER ledger');
    expect(await page.getByRole('table', { name: 'Positions by venue' }).isVisible()).toBe(true);
    // The status bar counts it.
    await expect.poll(() => page.getByLabel('Session statistics').textContent()).toMatch(/Executed\s*[1-9]/);

    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'desk-positions.png') });
    // The Risk pane as the trader sees it after pulling the kill switch.
    await page.getByRole('tab', { name: 'Risk' }).click();
    await api('/api/kill-switch', 'POST');
    await expect.poll(() => page.getByRole('region', { name: 'Breaker' }).textContent()).toContain('KILL SWITCH');
    await page.screenshot({ path: path.join(SHOTS, 'desk-risk.png') });
    await api('/api/rearm', 'POST');
    await page.close();
    expect(problems).toEqual([]);
  });
});
