// Capital and time, end to end: `arbdesk serve` on the simulator, the HTTP API and the UI in
// Chromium. Every opportunity says what it locks on each venue (its cost and fees), when it
// resolves and what it returns per year; the API sorts and filters by that, and the table's
// "Per year" column sorts by it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../../src/shared/contract';
import { launchChromium } from '../helpers/browser';
import { ROOT, startServe } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

type Serve = Awaited<ReturnType<typeof startServe>>;
const SHOTS = path.join(ROOT, 'test-results');

/** "16.8 %", "1,234 %" → a number; "—" (no resolution time) → -Infinity, as it sorts. */
function percent(text: string): number {
  return text.trim() === '—' ? -Infinity : Number(text.replace(/[ ,%]/g, ''));
}

describe('capital and time of every opportunity, on the simulator', () => {
  let serve: Serve;
  let browser: Browser;
  const dir = tempDir();
  const problems: string[] = [];
  const get = (route: string) => fetch(`${serve.baseUrl}${route}`, { headers: { Authorization: `Bearer ${serve.token}` } });

  beforeAll(async () => {
    serve = await startServe(dir.path, [], { ARBDESK_SIM_ARGS: '--speed 10 --markets 20', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    dir.remove();
  });

  it('the API carries resolve-by, capital per venue and the returns, sorts by annualised return and checks its parameters', async () => {
    const list = await until(async () => {
      const l = (await (await get('/api/opportunities?sort=annualised&limit=200')).json()) as Opportunity[];
      return l.some((o) => o.annualisedReturn) ? l : null;
    }, 'opportunities with an annualised return', 90_000, 500);
    for (const o of list) {
      // What a basket locks is what its legs cost, fees included, split by venue.
      const locked = o.capital!.reduce((t, c) => t.plus(c.amount), new Decimal(0));
      expect(locked.eq(new Decimal(o.cost).plus(o.fees))).toBe(true);
      expect(new Set(o.capital!.map((c) => c.venue))).toEqual(new Set(o.legs.map((l) => l.venue)));
      expect(new Decimal(o.returnOnCapital!).eq(new Decimal(o.netProfit).dividedBy(locked).toDecimalPlaces(6))).toBe(true);
      if (o.annualisedReturn) expect(o.resolveBy).toBeGreaterThan(0);
    }
    const years = list.map((o) => (o.annualisedReturn ? new Decimal(o.annualisedReturn) : null));
    for (let i = 1; i < years.length; i++) {
      if (years[i] === null) continue;
      expect(years[i - 1]).not.toBeNull();
      expect(years[i - 1]!.gte(years[i]!)).toBe(true);
    }
    // The floor leaves out what returns less, and what has no resolution time; the books move, so
    // the floor is the median of a fresh list.
    const known = years.filter((y): y is Decimal => y !== null).sort((a, b) => a.comparedTo(b));
    const floor = known[Math.floor(known.length / 2)]!.toFixed();
    const best = await until(async () => {
      const l = (await (await get(`/api/opportunities?min_annualised=${floor}`)).json()) as Opportunity[];
      return l.length > 0 ? l : null;
    }, 'opportunities above the floor', 30_000, 200);
    expect(best.every((o) => o.annualisedReturn && new Decimal(o.annualisedReturn).gte(floor))).toBe(true);

    const bad = await get('/api/opportunities?min_annualised=lots');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('min_annualised');
    const badSort = await get('/api/opportunities?sort=sideways');
    expect(badSort.status).toBe(400);
    expect(((await badSort.json()) as { error: { field: string } }).error.field).toBe('sort');
  });

  it('the table has a Per year column that sorts best first, saying what each figure rests on', async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(serve.uiUrl);
    const table = page.getByRole('table', { name: 'Opportunities' });
    const rows = table.locator('tbody tr[data-id]');
    await until(async () => (await rows.count()) > 1, 'rows in the table', 90_000, 200);
    const header = table.locator('th.col-annualised');
    expect(await header.textContent()).toContain('Per year');
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    // Pointer and focus away from the table, so its order is not held.
    await page.mouse.move(2, 2);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await until(async () => (await page.locator('.held-indicator').getAttribute('data-held')) !== 'true', 'the order released', 5_000, 50);
    const cells = await until(async () => {
      const texts = await rows.locator('td.col-annualised').allTextContents();
      return texts.length > 1 ? texts : null;
    }, 'the Per year cells', 60_000, 100);
    const values = cells.map(percent);
    for (let i = 1; i < values.length; i++) expect(values[i - 1]).toBeGreaterThanOrEqual(values[i]!);
    const title = await rows.first().locator('td.col-annualised').getAttribute('title');
    expect(title).toMatch(/on capital · (resolves in \d+(\.\d)? [hdy]|resolution time unknown) · locks \$\d+(\.\d{2,6})? on (Kalshi|Polymarket)/);

    // The filter in per cent: rows below it, and rows whose resolution time is unknown, leave the table.
    const floorPct = values.filter((v) => v !== -Infinity).sort((x, y) => x - y)[0] ?? 0;
    await page.getByRole('textbox', { name: /Min per year %/ }).fill(String(floorPct));
    await until(async () => {
      const texts = await rows.locator('td.col-annualised').allTextContents();
      return texts.length > 0 && texts.every((t) => percent(t) >= floorPct - 0.05) ? texts : null;
    }, 'only rows at or above the floor', 10_000, 100);
    await page.getByRole('textbox', { name: /Min per year %/ }).fill('');

    // Its plan says the same per year, and for a basket across venues what a disagreement would cost.
    await rows.first().click();
    await until(async () => /Per year/.test((await page.locator('.plan-totals').textContent()) ?? ''), 'the plan’s per-year figure', 15_000, 100);

    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'capital-1440.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(await header.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'capital-1280.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('Links shows each suggestion’s spec relation and both specs field by field; differing fields need an override with a reason', async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(serve.uiUrl);
    await page.getByRole('tab', { name: 'Links' }).click();
    const table = page.getByRole('table', { name: 'Suggested links' });
    await until(async () => (await table.locator('tbody.link-row').count()) > 0, 'suggested links', 30_000, 200);
    const first = table.locator('tbody.link-row').first();
    expect(await first.locator('.link-relation').textContent()).toMatch(/^Specs: (identical|complementary|Kalshi ⇒ Polymarket|Polymarket ⇒ Kalshi|different|unknown)/);
    await first.getByRole('button', { name: 'Specs & rules' }).click();
    expect(await first.getByRole('definition').count()).toBeGreaterThan(0);
    expect(await first.locator('dl[aria-label="kalshi spec"] [data-field="subject"]').count()).toBe(1);
    expect(await first.locator('dl[aria-label="polymarket spec"] [data-field="source"]').count()).toBe(1);

    type LinkLite = { id: string; status: string; conflicts: string[]; sides: [{ name?: string; title: string }, { name?: string; title: string }] };
    const links = ((await (await get('/api/state')).json()) as { links: LinkLite[] }).links;
    const conflicting = links.find((l) => l.status === 'suggested' && l.conflicts.length > 0);
    // The simulator's world lists look-alike pairs whose terms differ (issue 16): some conflict.
    expect(conflicting).toBeDefined();
    {
      if (!conflicting) return;
      const [a, b] = conflicting.sides;
      const name = `${a.name ?? a.title} ⇄ ${b.name ?? b.title}`;
      await page.getByRole('searchbox', { name: 'Search links' }).fill(a.name ?? a.title);
      const row = table.locator(`tbody.link-row[aria-label="${name}"]`);
      expect(await row.locator('.link-checks').textContent()).toContain(`Differ in ${conflicting.conflicts.join(', ')}`);
      await row.getByRole('button', { name: `Confirm ${name}` }).click();
      const submit = row.getByRole('button', { name: 'Confirm with override' });
      expect(await submit.isDisabled()).toBe(true);
      await row.getByRole('textbox', { name: `Override reason for ${name}` }).fill('checked both rules: same print');
      await submit.click();
      await until(async () => {
        const l = ((await (await get('/api/state')).json()) as { links: (LinkLite & { override: { reason: string } | null })[] }).links.find((x) => x.id === conflicting.id);
        return l?.status === 'confirmed' && l.override?.reason === 'checked both rules: same print' ? l : null;
      }, 'the link confirmed with its override', 10_000, 100);
    }
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'links-specs-1440.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
