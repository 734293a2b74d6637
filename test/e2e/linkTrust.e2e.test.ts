// Trusting a cross-venue link, end to end in Chromium: `arbdesk serve` on the simulator, its admin
// API editing a market's rules while running. The detail of a cross-venue opportunity shows both
// contract specs side by side; when the simulator edits a linked market's rules the link watch
// suspends the link within a poll, its opportunity is greyed and Execute is blocked with the
// reason; the minimum return per year set in Settings becomes the table filter's default.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../../src/shared/contract';
import { launchChromium } from '../helpers/browser';
import { ROOT, startServe } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

type Serve = Awaited<ReturnType<typeof startServe>>;
type LinkLite = { id: string; status: string; simulatorTruth?: string | null; sides: { market: string }[] };
const SHOTS = path.join(ROOT, 'test-results');
// The simulator's base port (admin at +3): a fixed-range random pick, the admin API is loopback only.
const SIM_PORT = 41_000 + Math.floor(Math.random() * 8_000) * 2;

describe('link trust in the desk: specs side by side, a rule edit suspends, the minimum per year', () => {
  let serve: Serve;
  let browser: Browser;
  let page: Page;
  const dir = tempDir();
  const problems: string[] = [];
  const api = async <T,>(route: string): Promise<T> => (await (await fetch(`${serve.baseUrl}${route}`, { headers: { Authorization: `Bearer ${serve.token}` } })).json()) as T;
  const table = () => page.getByRole('table', { name: 'Opportunities' });
  let chosen: Opportunity;

  beforeAll(async () => {
    serve = await startServe(dir.path, [], { ARBDESK_SIM_ARGS: `--speed 10 --markets 20 --seed link-trust-e2e --port ${SIM_PORT}`, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(serve.uiUrl);
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    dir.remove();
  });

  it('the detail of a cross-venue opportunity shows both contract specs side by side', async () => {
    // The trader confirms the simulator's true links in the Links pane (with the override they need).
    await page.getByRole('tab', { name: 'Links' }).click();
    const truth = await until(async () => {
      const l = (await api<{ links: LinkLite[] }>('/api/state')).links.filter((x) => x.status === 'suggested' && x.simulatorTruth === 'equivalent');
      return l.length > 0 ? l : null;
    }, 'the true links suggested', 60_000, 300);
    await page.getByRole('button', { name: `Review the ${truth.length}` }).click();
    await page.getByRole('button', { name: `Confirm these ${truth.length}…` }).click();
    await page.getByRole('dialog', { name: `Confirm ${truth.length} links?` }).getByRole('button', { name: `Confirm ${truth.length}` }).click();
    await until(async () => (await api<{ links: LinkLite[] }>('/api/state')).links.filter((l) => l.status === 'confirmed').length === truth.length, 'the links confirmed', 30_000, 200);

    chosen = await until(async () => {
      for (const o of (await api<Opportunity[]>('/api/opportunities?strategy=cross_venue')).filter((x) => !x.stale && !x.suspended)) {
        const row = table().locator(`tr[data-id="${o.id}"]`);
        if ((await row.count()) === 0) continue;
        await row.click({ timeout: 2_000 }).catch(() => undefined);
        if ((await table().locator(`tr[data-id="${o.id}"][aria-selected="true"]`).count()) === 1) return o;
      }
      return null;
    }, 'a cross-venue opportunity selected', 120_000, 300);

    const specs = page.getByRole('region', { name: 'Contract specs side by side' });
    await specs.waitFor({ timeout: 10_000 });
    expect(await specs.locator('.specs-verdict').textContent()).toMatch(/^Link confirmed as /);
    const head = await specs.locator('thead th').allTextContents();
    expect(head.slice(1).join(' ')).toMatch(/Kalshi.*Polymarket/);
    const fields = await specs.locator('tbody th').allTextContents();
    for (const f of ['Subject', 'Comparator', 'Threshold', 'Observed', 'Source', 'Closes', 'Resolves by', 'Early close', 'Dispute']) expect(fields.some((t) => t.startsWith(f))).toBe(true);
    // Each row says something on both sides: a value, or "unknown" — never blank.
    for (const cells of await specs.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')))) {
      expect(cells).toHaveLength(2);
      for (const c of cells) expect(c.trim()).not.toBe('');
    }
    await specs.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'link-specs-detail-1440.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await specs.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'link-specs-detail-1280.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('a rule edit on the venue suspends the link: its opportunity is greyed and Execute is blocked with the reason', async () => {
    const poly = chosen.legs.find((l) => l.venue === 'polymarket')!.market;
    const res = await fetch(`http://127.0.0.1:${SIM_PORT + 3}/rules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ market: poly }) });
    expect(res.status).toBe(200);
    // The watch polls its markets every few seconds: suspended well within a minute.
    const suspended = await until(async () => {
      const o = (await api<Opportunity[]>('/api/opportunities?strategy=cross_venue')).find((x) => x.legs.some((l) => l.market === poly) && x.suspended);
      return o ?? null;
    }, 'the opportunity suspended', 60_000, 300);
    expect(suspended.suspended).toMatch(/Polymarket rules text changed/);
    // Prices move at ten times real speed: the suspended opportunity can close and open again while
    // the page is read, so each try finds the open one, selects its row and reads what Execute says.
    const blocked = page.locator('.execute-blocked');
    const reason = /Suspended: the link it relies on is suspended \(Polymarket rules text changed\)/;
    await until(async () => {
      const open = (await api<Opportunity[]>('/api/opportunities?strategy=cross_venue')).find((x) => x.legs.some((l) => l.market === poly) && x.suspended);
      if (!open) throw new Error('no suspended opportunity open');
      const row = table().locator(`tr[data-id="${open.id}"]`);
      const tag = (await row.locator('.row-tag').textContent({ timeout: 1_000 })) ?? '';
      if (!tag.includes('suspended')) throw new Error(`its row tagged "${tag}"`);
      if ((await row.getAttribute('aria-selected')) !== 'true') await row.click({ timeout: 2_000 });
      const says = (await blocked.textContent({ timeout: 1_000 })) ?? '';
      if (!reason.test(says)) throw new Error(`Execute says "${says}"`);
      return true;
    }, 'the row tagged suspended, and Execute blocked with the reason', 45_000, 200);
    expect(await page.locator('.execute-button').isDisabled()).toBe(true);
    const specs = page.getByRole('region', { name: 'Contract specs side by side' });
    expect(await specs.locator('.specs-verdict').textContent()).toMatch(/Link suspended .* suspended: Polymarket rules text changed/);
    // Activity says so, and the Links pane lists it under Suspended.
    const activity = await api<{ activity: { kind: string; message: string }[] }>('/api/state');
    expect(activity.activity.some((a) => a.kind === 'link' && /^Link suspended/.test(a.message))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'link-suspended-1440.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: path.join(SHOTS, 'link-suspended-1280.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('the minimum return per year is a setting: refused naming the field when bad, the filter’s default when saved', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    const input = page.getByLabel('Minimum return per year (per cent)');
    await input.fill('-5');
    expect(await page.getByRole('region', { name: 'Returns' }).getByRole('alert').textContent()).toMatch(/percentage/);
    await input.fill('20000');
    await page.getByRole('region', { name: 'Returns' }).getByRole('button', { name: 'Save' }).click();
    await until(async () => /Not saved: .*minAnnualisedReturn/.test((await page.getByRole('region', { name: 'Returns' }).getByRole('status').textContent()) ?? ''), 'the engine refusing it, naming the field', 10_000, 100);
    // A floor some open opportunities clear: the lowest per-year figure open now, in whole tenths of a per cent.
    const floor = await until(async () => {
      const years = (await api<Opportunity[]>('/api/opportunities')).filter((o) => !o.stale && !o.suspended && o.annualisedReturn).map((o) => Number(o.annualisedReturn) * 100);
      return years.length > 1 ? Math.floor(Math.min(...years) * 10) / 10 : null;
    }, 'open opportunities with a return per year', 90_000, 300);
    await input.fill(String(floor));
    await page.getByRole('region', { name: 'Returns' }).getByRole('button', { name: 'Save' }).click();
    await until(async () => Math.abs(Number((await api<{ preferences?: { minAnnualisedReturn: string | null } }>('/api/state')).preferences?.minAnnualisedReturn ?? NaN) * 100 - floor) < 1e-9, 'the setting saved', 10_000, 100);
    // The table's filter starts from it, and only rows at or above it (with a known resolution time) remain.
    const filter = page.getByRole('textbox', { name: /Min per year %/ });
    await until(async () => (await filter.inputValue()) === String(floor), 'the filter showing the default', 10_000, 100);
    const cells = table().locator('tbody tr[data-id]:not(.stale) td.col-annualised');
    await until(async () => {
      const texts = await cells.allTextContents();
      return texts.length > 0 && texts.every((t) => t.trim() !== '—' && Number(t.replace(/[ ,%]/g, '')) >= floor - 0.05);
    }, 'rows shown, all at or above the minimum', 60_000, 200);
    await page.screenshot({ path: path.join(SHOTS, 'min-per-year-1440.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: path.join(SHOTS, 'min-per-year-1280.png') });
    expect(problems).toEqual([]);
  });
});
