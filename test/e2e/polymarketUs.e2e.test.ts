// Polymarket US for a US trader, on screen (issue 20): `arbdesk serve` (in-process) on the
// simulator, in Chromium. The trader chooses "In the US" in Settings → Where you trade; the
// engine restarts the two Polymarket venues at once (Polymarket US connects, international
// Polymarket stops and leaves the list), the Venues pane shows Polymarket US by its name and chip, the
// trader confirms the simulator's true Kalshi ↔ Polymarket US links, the simulator's admin API
// dislocates one of them, and the opportunity — named by its markets, with both venues' chips — is
// executed in paper mode from the UI.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketLink, Opportunity } from '../../src/shared/contract';
import { SimulatorEndpointsSchema } from '../../src/host/simulator/simulatorProcess';
import { startSimulator, type SimulatorHandle } from '../../src/sim/index';
import { ROOT } from '../helpers/cli';
import { openConfirmation, openInProcessDesk, sendConfirmed, type InProcessDesk } from '../helpers/inProcessDesk';
import { tempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

const SHOTS = path.join(ROOT, 'test-results');
const US = 'polymarket-us';

describe('Polymarket US chosen in Settings, on screen in Chromium: venue, links, a Kalshi ↔ Polymarket US basket executed in paper', () => {
  const dir = tempDir();
  let sim: SimulatorHandle;
  let desk: InProcessDesk;
  let serve: InProcessDesk['serve'];
  let page: Page;
  let problems: string[];
  const api = async <T,>(route: string): Promise<T> => (await (await fetch(`http://127.0.0.1:${serve.port}${route}`, { headers: { Authorization: `Bearer ${serve.token}` } })).json()) as T;
  const admin = (route: string, body: unknown) => fetch(`${sim.endpoints.admin}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const shot = async (name: string) => {
    await page.screenshot({ path: path.join(SHOTS, `polymarket-us-${name}-${page.viewportSize()!.width}.png`) });
  };

  beforeAll(async () => {
    // No dislocations of its own: the one basket on screen is the one the test opens.
    sim = await startSimulator({ seed: 'pmus-e2e', markets: 10, dislocationEverySec: 0 });
    desk = await openInProcessDesk(dir.path, { external: SimulatorEndpointsSchema.parse(sim.endpoints) });
    ({ serve, page, problems } = desk);
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await desk?.close();
    await sim?.close();
    dir.remove();
  });

  it('by default (outside the US) Polymarket US is not among the venues; choosing it in Settings connects it at once and stops international Polymarket', async () => {
    await page.getByRole('tab', { name: 'Venues' }).click();
    await until(async () => (await page.getByLabel('Polymarket connection: connected').count()) === 1, 'international Polymarket connected', 30_000, 100);
    const venues = page.getByRole('table', { name: 'Venues' });
    expect(await venues.getByRole('row', { name: 'Polymarket US' }).count()).toBe(0);

    await page.getByRole('tab', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Where you trade' });
    expect(await section.getByRole('radio', { name: /^Outside the US/ }).isChecked()).toBe(true);
    const text = (await section.textContent()) ?? '';
    expect(text).toMatch(/blocks US residents/);
    expect(text).toMatch(/CFTC-regulated US exchange/);
    expect(text).toMatch(/your own keys for each/);
    // Choosing is a draft (arrowing through the choices restarts nothing); Apply applies it.
    expect(await section.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await section.getByRole('radio', { name: /^In the US/ }).check();
    await section.getByRole('button', { name: 'Apply' }).click();
    await until(async () => /^Applied: In the US/.test((await section.getByRole('status').textContent()) ?? ''), 'the choice applied', 30_000, 100);
    expect(await section.getByRole('radio', { name: /^In the US/ }).isChecked()).toBe(true);
    await until(async () => /Polymarket US: connected/.test((await section.getByRole('list', { name: 'Restricted venues now' }).textContent()) ?? ''), 'Polymarket US connected, in Settings', 30_000, 100);
    expect((await api<{ preferences: { traderJurisdiction: string } }>('/api/state')).preferences.traderJurisdiction).toBe('us');
    await shot('settings');

    await page.getByRole('tab', { name: 'Venues' }).click();
    const row = venues.getByRole('row', { name: 'Polymarket US' });
    await until(async () => (await page.getByLabel('Polymarket US connection: connected').count()) === 1, 'Polymarket US connected', 30_000, 100);
    await until(async () => Number((await row.locator('td').allTextContents())[4]) > 0, 'Polymarket US streaming its markets', 30_000, 100);
    expect(await row.getByLabel('Polymarket US (simulator)').textContent()).toContain('Polymarket US');
    await until(async () => (await venues.getByRole('row', { name: 'Polymarket', exact: true }).count()) === 0, 'international Polymarket stopped and gone from the list', 10_000, 100);
    await shot('venues');
  });

  it('the trader confirms the true Kalshi ↔ Polymarket US links; a dislocation shows with both chips and human names, and executes in paper', async () => {
    await page.getByRole('tab', { name: 'Links' }).click();
    // The simulator's truth names the Polymarket US pairs too (admin /truth/relations).
    await until(async () => (await api<{ links: MarketLink[] }>('/api/state')).links.some((l) => l.status === 'suggested' && l.simulatorTruth === 'equivalent' && l.sides.some((s) => s.venue === US)), 'a true Kalshi ↔ Polymarket US link suggested', 60_000, 300);
    const review = page.getByRole('button', { name: /^Review the \d+$/ });
    await review.waitFor();
    const n = Number(/\d+/.exec((await review.textContent()) ?? '')![0]);
    await review.click();
    await page.getByRole('button', { name: `Confirm these ${n}…` }).click();
    await page.getByRole('dialog', { name: `Confirm ${n} links?` }).getByRole('button', { name: `Confirm ${n}` }).click();
    const link = await until(async () => (await api<{ links: MarketLink[] }>('/api/state')).links.find((l) => l.status === 'confirmed' && l.sides.some((s) => s.venue === US)), 'a Kalshi ↔ Polymarket US link confirmed', 30_000, 200);
    const usSide = link.sides.find((s) => s.venue === US)!;
    const kalshiSide = link.sides.find((s) => s.venue === 'kalshi')!;
    const slug = usSide.market.slice(`${US}:`.length);

    // The admin API refuses a bad request naming the field, then opens the dislocation.
    const refused = await admin('/polymarket-us/dislocate', { slug: 'no-such-market', direction: 'cheap_no' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^slug must be/);
    expect((await admin('/polymarket-us/dislocate', { slug, direction: 'sideways' })).status).toBe(400);
    expect((await admin('/polymarket-us/dislocate', { slug, direction: 'cheap_no', ms: '600s' })).status).toBe(200);

    const opportunity = await until(async () => (await api<Opportunity[]>('/api/opportunities?strategy=cross_venue')).find((o) => !o.stale && o.legs.some((l) => l.market === usSide.market)), 'the Kalshi ↔ Polymarket US opportunity', 60_000, 200);
    expect(opportunity.legs.map((l) => l.venue).sort()).toEqual(['kalshi', US]);
    const row = page.getByRole('table', { name: 'Opportunities' }).locator(`tr[data-id="${opportunity.id}"]`);
    await row.waitFor({ timeout: 30_000 });
    // Both chips, and the markets by their human names — never the slug.
    expect(await row.getByLabel('Polymarket US (simulator)').count()).toBe(1);
    expect(await row.getByLabel('Kalshi (simulator)').count()).toBe(1);
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).not.toContain(slug);
    const usLeg = opportunity.legs.find((l) => l.venue === US)!;
    expect(usLeg.title).not.toBe(slug);
    expect(usLeg.label).toBeDefined();
    expect(rowText).toContain(usLeg.label!.subject);
    expect(kalshiSide.market.startsWith('kalshi:')).toBe(true);
    await shot('opportunity');

    const { dialog, orders } = await openConfirmation(page, row);
    expect(await orders.count()).toBe(2);
    const venuesInOrders = [];
    for (let i = 0; i < 2; i++) {
      const cells = await orders.nth(i).locator('td').allTextContents();
      venuesInOrders.push(cells[0]!.startsWith('Polymarket US') ? US : cells[0]!.startsWith('Kalshi') ? 'kalshi' : cells[0]);
      expect(cells[2]).toBe('BUY');
      expect(cells[3]).toMatch(/^(YES|NO)$/);
      expect(cells[5]).toMatch(/^\$0\.\d{4}$/);
      // Both venues' word for an immediate order (their manifests): nothing rests on a book.
      expect(cells[6]).toBe('IOC');
    }
    expect(venuesInOrders.sort()).toEqual(['kalshi', US]);
    expect(await dialog.getByLabel('Mode: paper').textContent()).toContain('PAPER');
    await page.screenshot({ path: path.join(SHOTS, 'polymarket-us-confirm-1440.png') });
    expect(await sendConfirmed(page, dialog)).toMatch(/^FILLED · PAPER/);

    await page.getByRole('tab', { name: 'Positions' }).click();
    const positions = page.getByRole('table', { name: 'Positions' });
    await until(async () => (await positions.locator('tbody tr').count()) > 0, 'the basket in Positions', 10_000, 100);
    await shot('positions');
    await page.setViewportSize({ width: 1280, height: 720 });
    await shot('positions');
    await page.getByRole('tab', { name: 'Venues' }).click();
    await shot('venues');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await shot('settings');
    expect(problems).toEqual([]);
  });
});
