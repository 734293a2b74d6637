// Actions as data on screen: the command palette (Ctrl+K) lists every action with its binding and
// why it cannot run; Enter runs the chosen one — the same definition the buttons and the key
// bindings use. In Chromium against `arbdesk serve` on the simulator, checked through the engine's API.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { ROOT, startServe } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';

type Serve = Awaited<ReturnType<typeof startServe>>;
interface Breaker {
  breaker: { state: string; killSwitch: boolean };
}

describe('the command palette and the key bindings, in Chromium', () => {
  let serve: Serve;
  let browser: Browser;
  const dir = tempDir();
  const problems: string[] = [];

  const api = async <T,>(route: string, method = 'GET'): Promise<T> => {
    const res = await fetch(`${serve.baseUrl}${route}`, { method, headers: { Authorization: `Bearer ${serve.token}` } });
    if (!res.ok) throw new Error(`${method} ${route}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  const killSwitch = async () => (await api<Breaker>('/api/breaker')).breaker.killSwitch;

  const open = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(serve.uiUrl);
    await expect.poll(() => page.getByLabel('Engine: open').count()).toBe(1);
    await expect.poll(() => page.getByLabel('Breaker state').textContent()).toContain('ARMED');
    return page;
  };

  beforeAll(async () => {
    serve = await startServe(dir.path);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    dir.remove();
  });

  it('Ctrl+K opens it; typing narrows it; Enter on "Kill switch" engages the kill switch', async () => {
    const page = await open();
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    expect(await palette.isVisible()).toBe(true);
    const input = palette.getByRole('combobox', { name: 'Command' });
    // The input has the focus: typing goes straight in.
    await page.keyboard.type('kill');
    expect(await input.inputValue()).toBe('kill');
    const first = palette.getByRole('option').first();
    expect(await first.textContent()).toContain('Kill switch');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    // Its binding is shown with it.
    expect(await first.textContent()).toContain('Ctrl+Shift+K');
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'palette.png') });

    await page.keyboard.press('Enter');
    expect(await palette.count()).toBe(0);
    await expect.poll(() => page.getByLabel('Breaker state').textContent()).toContain('KILL SWITCH');
    expect(await killSwitch()).toBe(true);
    await api('/api/rearm', 'POST');
    await expect.poll(() => page.getByLabel('Breaker state').textContent()).toContain('ARMED');
    await page.close();
  });

  it('an action that cannot run says why and does not run; Re-arm from the palette still asks first', async () => {
    const page = await open();
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await page.keyboard.type('re-arm');
    const rearm = palette.getByRole('option', { name: /Re-arm/ });
    // Armed: nothing to re-arm.
    expect(await rearm.getAttribute('aria-disabled')).toBe('true');
    expect(await rearm.textContent()).toContain('The breaker is armed');
    await page.keyboard.press('Enter');
    expect(await palette.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await palette.count()).toBe(0);

    // Ctrl+Shift+K, then the palette's Re-arm: the same confirmation the Risk pane's button opens.
    await page.keyboard.press('Control+Shift+K');
    await expect.poll(killSwitch).toBe(true);
    await page.keyboard.press('Control+K');
    await page.keyboard.type('re-arm');
    await expect.poll(() => rearm.getAttribute('aria-disabled')).toBe('false');
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: 'Re-arm the breaker?' });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    expect(await killSwitch()).toBe(true);
    await confirm.getByRole('button', { name: 'Re-arm' }).click();
    await expect.poll(killSwitch).toBe(false);
    // It showed the Risk pane, where a failed re-arm would be reported.
    expect(await page.getByRole('tab', { name: 'Risk' }).getAttribute('aria-selected')).toBe('true');
    await page.close();
  });

  it('the arrow keys choose among the matches; "Show Venues" opens that tab; the kill switch binding works with the palette open', async () => {
    const page = await open();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'palette-1280.png') });
    await page.keyboard.type('show');
    const options = palette.getByRole('option');
    expect(await options.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Show Positions'), expect.stringContaining('Show Venues')]));
    const labels = await options.allTextContents();
    const venues = labels.findIndex((l) => l.includes('Show Venues'));
    for (let i = 0; i < venues; i++) await page.keyboard.press('ArrowDown');
    expect(await options.nth(venues).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('tab', { name: 'Venues' }).getAttribute('aria-selected')).toBe('true');

    // A word nothing holds: the palette says so.
    await page.keyboard.press('Control+K');
    await page.keyboard.type('zzzz');
    expect(await palette.getByRole('option').count()).toBe(0);
    expect(await palette.textContent()).toContain('No command matches');
    // The kill switch is global: it fires from inside the palette too.
    await page.keyboard.press('Control+Shift+K');
    await expect.poll(killSwitch).toBe(true);
    await api('/api/rearm', 'POST');
    await page.close();
    expect(problems).toEqual([]);
  });
});
