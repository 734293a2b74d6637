// The acceptance test of the venue contribution point, on screen (issue 18): Acme, a venue defined
// in one folder under the tests (test/venues/acme) and registered in one line, beside the
// built-in venues on their simulator under a real `arbdesk serve` host (in-process, so the line
// registers it where the engine runs). In Chromium its row is in Venues, its key in Settings, its
// chip and names on its opportunity, its IOC word in the confirmation, and its paper fill in
// Positions — all from its manifest and listing; the renderer names no venue.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IDisposable } from '../../src/shared/lifecycle';
import { venueRegistry } from '../../src/engine';
import { ROOT } from '../helpers/cli';
import { openConfirmation, openInProcessDesk, sendConfirmed, type InProcessDesk } from '../helpers/inProcessDesk';
import { tempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';
import { acme, AcmeExchange } from '../venues/acme';
import { MAYOR_RACE } from '../venues/acme/mayorRace';

const SHOTS = path.join(ROOT, 'test-results');
describe('a venue defined in one folder under the tests, on screen in Chromium', () => {
  const dir = tempDir();
  // The exchange Acme's simulator connection names (test/venues/acme/index.ts).
  const exchange = AcmeExchange.open('simulated');
  let registration: IDisposable;
  let desk: InProcessDesk;
  let page: Page;
  let problems: string[];
  const acmeRows = () => page.getByRole('table', { name: 'Opportunities' }).locator('tbody tr[data-id]:not(.stale)', { hasText: 'Acme mayoral race 2031' });

  const books = () => {
    exchange.setBook('mayor-ada', [['0.25', '500']], [['0.30', '400']]);
    exchange.setBook('mayor-bo', [['0.26', '500']], [['0.30', '600']]);
    exchange.setBook('mayor-cy', [['0.27', '500']], [['0.30', '800']]);
  };
  // A live venue's data keeps flowing: five silent seconds make its books stale (feedHealth.ts),
  // and a stale book is never traded, so the same books are sent again every second.
  let flowing: ReturnType<typeof setInterval> | undefined;

  beforeAll(async () => {
    // The one registration line.
    registration = venueRegistry.register(acme);
    exchange.list(MAYOR_RACE);
    books();
    flowing = setInterval(books, 1_000);
    desk = await openInProcessDesk(dir.path, { cliPath: path.join(ROOT, 'out', 'cli', 'arbdesk.mjs'), args: ['--markets', '6'] });
    ({ page, problems } = desk);
  });
  afterAll(async () => {
    clearInterval(flowing);
    await desk?.close();
    registration?.dispose();
    exchange.close();
    dir.remove();
  });

  it('its row in Venues: its name, connected, its three markets, on the simulator', async () => {
    await page.getByRole('tab', { name: 'Venues' }).click();
    const row = page.getByRole('table', { name: 'Venues' }).getByRole('row', { name: 'Acme' });
    await until(async () => (await page.getByLabel('Acme connection: connected').count()) === 1, 'Acme connected', 30_000, 100);
    const cells = await row.locator('td').allTextContents();
    expect(cells[4]).toBe('3');
    expect(await row.getByLabel('Acme (simulator)').textContent()).toContain('Acme');
    // Beside the built-in venues, each in its own row.
    // Every registered venue the trader may use (by default not Polymarket US, a US-only venue).
    expect(await page.getByRole('table', { name: 'Venues' }).locator('tbody tr').count()).toBe(venueRegistry.ids().filter((id) => id !== 'polymarket-us').length);
  });

  it('its key in Settings, as its manifest names it', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await until(async () => (await page.getByText('Acme API key').count()) > 0, 'the Acme key field', 10_000, 100);
  });

  it('its opportunity with its chip and names; Execute shows its IOC orders; the paper fill lands in Positions', async () => {
    await until(async () => (await acmeRows().count()) > 0, 'the Acme opportunity in the table', 60_000, 100);
    const row = acmeRows().first();
    // The venue filter offers it, and the header shows its feed.
    expect(await page.getByRole('combobox', { name: 'Venue' }).locator('option', { hasText: 'Acme' }).count()).toBe(1);
    // Three legs, each with Acme's chip ("A", on the simulator).
    expect(await row.getByLabel('Acme (simulator)').count()).toBe(3);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'acme-opportunities-1440.png') });
    const { dialog, orders } = await openConfirmation(page, row);
    expect(await orders.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const cells = await orders.nth(i).locator('td').allTextContents();
      expect(cells[0]).toMatch(/^Acme/);
      expect(cells.slice(2, 4)).toEqual(['BUY', 'YES']);
      expect(cells[5]).toBe('$0.3000');
      expect(cells[6]).toBe('IOC');
    }
    expect(await sendConfirmed(page, dialog)).toMatch(/^FILLED · PAPER/);

    await page.getByRole('tab', { name: 'Positions' }).click();
    const positions = page.getByRole('table', { name: 'Positions' });
    await until(async () => (await positions.locator('tbody tr', { hasText: 'Acme mayoral race 2031' }).count()) > 0, 'the Acme basket in Positions', 10_000, 100);
    await page.screenshot({ path: path.join(SHOTS, 'acme-positions-1440.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: path.join(SHOTS, 'acme-positions-1280.png') });
    expect(problems).toEqual([]);
  });
});
