// The pure parts of the first-hour fixes: names in the UI, the table's row layout, the size box,
// fill summaries, breaker words, keychain remedies, theme choice, tokens in pasted addresses,
// link search and the sources check.
import { NO_SPECS } from '../../helpers/fakeVenue';
import { describe, expect, it } from 'vitest';
import type { ExecutionResult, MarketLink } from '../../../src/shared/contract';
import { tokenFromText } from '../../../src/renderer/src/bridge/token';
import { breakerHeadline } from '../../../src/renderer/src/desk/breaker';
import { keychainProblem } from '../../../src/renderer/src/desk/keychain';
import { linkMatches, linkSourcesDiffer, scoreTone } from '../../../src/renderer/src/desk/links';
import { formatCloseTime, formatUntil } from '../../../src/renderer/src/format';
import { nameIndex, nameParts, rowLines, sharedSubject, withNames } from '../../../src/renderer/src/names/marketNames';
import { fillSummary } from '../../../src/renderer/src/trade/fillSummary';
import { RowLayout, rowHeight } from '../../../src/renderer/src/trade/rowLayout';
import { sizeProblem } from '../../../src/renderer/src/trade/sizeRules';
import { readChoice, resolveTheme } from '../../../src/renderer/src/theme/themeChoice';

const ladder = (strike: number) => ({
  market: `kalshi:KXHIGHBRI-31SEP12-T${strike}`,
  title: `Highest temperature in Brightwater ≥ ${strike}° · Sep 12 '31`,
  label: { subject: 'Highest temperature in Brightwater', term: `≥ ${strike}°`, date: "Sep 12 '31" },
});

describe('names on screen', () => {
  it('uses the engine’s name and parts; a market known only by its id is named by its short id', () => {
    expect(nameParts(ladder(88))).toMatchObject({ term: '≥ 88°', name: "Highest temperature in Brightwater ≥ 88° · Sep 12 '31" });
    const hex = `polymarket:0x${'ab'.repeat(32)}`;
    expect(nameParts({ market: hex, title: hex.slice(11) }).name).toBe('0xabababab…ababab');
  });

  it('says a shared subject once: a ladder row takes one line more than its legs', () => {
    const legs = [ladder(88), ladder(91)];
    expect(sharedSubject(legs.map(nameParts))).toEqual({ subject: 'Highest temperature in Brightwater', date: "Sep 12 '31" });
    expect(rowLines(legs)).toBe(3);
    expect(rowLines([ladder(88), { market: 'polymarket:0x1', title: 'Other question?' }])).toBe(2);
  });

  it('shows engine messages with names in place of market references it knows', () => {
    const names = nameIndex({ links: [{ id: 'L', sides: [{ market: ladder(88).market, venue: 'kalshi', title: 'T', rules: '', closeTime: null, name: ladder(88).title, label: ladder(88).label }, { market: 'polymarket:0x1', venue: 'polymarket', title: 'P', rules: '', closeTime: null }], score: 1, reasons: [], status: 'suggested', decidedAt: null, ...NO_SPECS }] });
    const parts = withNames(`Sent buy 10 YES ${ladder(88).market} @ ≤ 0.4; order kalshi:UNKNOWN-1`, names);
    expect(parts).toEqual([{ text: 'Sent buy 10 YES ' }, { market: ladder(88).market, name: ladder(88).title }, { text: ' @ ≤ 0.4; order kalshi:UNKNOWN-1' }]);
  });
});

describe('the table’s rows', () => {
  it('places rows of different heights and finds the row at any height', () => {
    const layout = new RowLayout([1, 3, 2]);
    expect(layout.offsets).toEqual([0, rowHeight(1), rowHeight(1) + rowHeight(3), rowHeight(1) + rowHeight(3) + rowHeight(2)]);
    expect(layout.indexAt(0)).toBe(0);
    expect(layout.indexAt(rowHeight(1))).toBe(1);
    expect(layout.indexAt(layout.total + 100)).toBe(2);
    expect(new RowLayout([]).indexAt(10)).toBe(0);
  });
});

describe('the size box', () => {
  it('names what is wrong with a size, and accepts a whole number of contracts (commas allowed)', () => {
    expect(sizeProblem('250')).toBeNull();
    expect(sizeProblem('1,222')).toBeNull();
    expect(sizeProblem('')).toMatch(/Enter a size/);
    expect(sizeProblem('12.5')).toMatch(/whole number/);
    expect(sizeProblem('-3')).toMatch(/whole number/);
    expect(sizeProblem('0')).toMatch(/at least 1/);
    expect(sizeProblem('20000000')).toMatch(/at most 10,000,000/);
  });
});

describe('how much of what was asked was filled', () => {
  const result = (size: number, requested: number, filled: string, status: ExecutionResult['status'] = 'filled'): ExecutionResult => ({
    executionId: 'e', opportunityId: 'o', mode: 'paper', status, reason: null, size, netProfit: '1', startedAt: 0, finishedAt: 1,
    legs: [{ market: 'kalshi:K', venue: 'kalshi', outcome: 'yes', requested, filled, avgPrice: '0.4', fees: '0.1', orderIds: [], status: 'filled' }],
  });
  it('"Filled 951 of 1,222 — depth moved before send" when the engine sent fewer than confirmed', () => {
    expect(fillSummary(result(951, 951, '951'), 1222)).toBe('Filled 951 of 1,222 contracts — depth moved before send');
    expect(fillSummary(result(1222, 1222, '1222'), 1222)).toBe('Filled 1,222 of 1,222 contracts');
    expect(fillSummary(result(600, 1222, '600'), 1222)).toBe('Filled 600 of 1,222 contracts — some orders filled only in part');
    expect(fillSummary(result(0, 0, '0', 'refused'), 1222)).toBe('Nothing sent of 1,222 contracts');
    // Sized down by the per-trade loss limit, not by the books: said so, not blamed on the depth.
    expect(fillSummary(result(66, 66, '66'), 850, { limit: '5', maxSize: 66 })).toBe('Filled 66 of 850 contracts — sized to keep the worst case within the $5.00 per-trade limit');
    expect(fillSummary(result(40, 40, '40'), 850, { limit: '5', maxSize: 66 })).toBe('Filled 40 of 850 contracts — sized to keep the worst case within the $5.00 per-trade limit');
    expect(fillSummary(result(500, 500, '500'), 850, { limit: '5', maxSize: 900 })).toBe('Filled 500 of 850 contracts — depth moved before send');
  });
});

describe('words a trader reads', () => {
  const base = { state: 'closed' as const, killSwitch: false, reason: null, trippedAt: null, cooldownEndsAt: null, consecutiveErrors: 0, dailyLoss: '0', trips: [] };
  it('the breaker: ARMED, HALTED with why, PROBING', () => {
    expect(breakerHeadline(base).word).toBe('ARMED');
    expect(breakerHeadline({ ...base, state: 'open', reason: 'daily loss limit' })).toMatchObject({ word: 'HALTED', why: 'daily loss limit' });
    expect(breakerHeadline({ ...base, state: 'open', killSwitch: true }).why).toMatch(/kill switch/);
    expect(breakerHeadline({ ...base, state: 'half_open' }).word).toBe('PROBING');
  });
  it('the keychain: the cause said once, and a remedy for the platform', () => {
    const linux = keychainProblem({ available: false, backend: 'Secret Service (libsecret)', detail: 'Secret Service (libsecret) is not reachable: Could not connect' });
    expect(linux.cause).toBe('Secret Service (libsecret) is not reachable: Could not connect');
    expect(linux.remedy).toMatch(/GNOME Keyring|KWallet/);
    expect(keychainProblem({ available: false, backend: 'macOS Keychain', detail: null }).remedy).toMatch(/login keychain/);
    expect(keychainProblem({ available: false, backend: 'Windows Credential Manager', detail: 'keytar could not load: x' }).remedy).toMatch(/reinstall/);
  });
  it('close times carry their zone; time to resolution reads in days and hours', () => {
    const t = Date.UTC(2031, 8, 12, 23, 0);
    expect(formatCloseTime(t, 'UTC')).toBe('Sep 12, 2031, 23:00 UTC');
    expect(formatCloseTime(t, 'America/New_York')).toBe('Sep 12, 2031, 19:00 EDT · 23:00 UTC');
    expect(formatUntil(t, t - (2 * 86_400 + 3 * 3600) * 1000)).toBe('in 2 d 3 h');
    expect(formatUntil(t, t + 90 * 60_000)).toBe('1 h 30 min ago');
  });
});

describe('the theme', () => {
  it('follows the OS unless chosen', () => {
    expect(readChoice({ getItem: () => null })).toBe('system');
    expect(readChoice({ getItem: () => 'light' })).toBe('light');
    expect(readChoice({ getItem: () => 'purple' })).toBe('system');
    expect(resolveTheme('system', true)).toBe('light');
    expect(resolveTheme('system', false)).toBe('dark');
    expect(resolveTheme('dark', true)).toBe('dark');
  });
});

describe('a new address after a restart', () => {
  it('finds the token in a pasted address or takes a bare one', () => {
    expect(tokenFromText('http://127.0.0.1:7420/#token=abcDEF0123456789xyz')).toBe('abcDEF0123456789xyz');
    expect(tokenFromText('  abcDEF0123456789xyz ')).toBe('abcDEF0123456789xyz');
    expect(tokenFromText('#token=a%2Db&x=1')).toBe('a-b');
    expect(tokenFromText('http://127.0.0.1:7420/')).toBeNull();
  });
});

describe('links', () => {
  const link = (over: Partial<MarketLink> = {}): MarketLink => ({
    id: 'L',
    sides: [
      { market: 'kalshi:KXBTCMAX-31OCT31', venue: 'kalshi', title: 'Will Bitcoin reach $220,000?', rules: 'CF Benchmarks', closeTime: 1, name: 'Will Bitcoin reach $220,000?', sources: [{ name: 'CF Benchmarks Bitcoin Real-Time Index', url: null }] },
      { market: 'polymarket:0x1', venue: 'polymarket', title: 'Will Bitcoin hit $220,000?', rules: 'Binance', closeTime: 1, sources: [{ name: 'Binance, BTC/USDT', url: null }] },
    ],
    score: 1, reasons: [], status: 'suggested', decidedAt: null, ...NO_SPECS, ...over,
  });
  it('are searched by every word, across names, tickers, rules and sources', () => {
    expect(linkMatches(link(), 'bitcoin binance')).toBe(true);
    expect(linkMatches(link(), 'KXBTCMAX')).toBe(true);
    expect(linkMatches(link(), 'bitcoin ethereum')).toBe(false);
  });
  it('are never green when the venues settle on different sources', () => {
    expect(linkSourcesDiffer(link())).toBe('CF Benchmarks Bitcoin Real-Time Index / Binance, BTC/USDT');
    expect(scoreTone(link())).toBe('mid');
    const same = link({ sides: [link().sides[0], { ...link().sides[1], sources: [{ name: 'CF Benchmarks', url: null }] }] });
    expect(scoreTone(same)).toBe('high');
    expect(scoreTone(link({ score: 0.4 }))).toBe('low');
  });
});
