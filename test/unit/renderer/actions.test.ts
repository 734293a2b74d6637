// The window's actions are data: one list that the buttons, the key bindings, the palette and (for
// the engine-only ones) the desktop menu read. Its invariants, and the palette's search.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINE_ACTIONS, killSwitchAction, type Action } from '../../../src/shared/actions';
import { parseKeys } from '../../../src/shared/keys';
import type * as WindowActions from '../../../src/renderer/src/actions/windowActions';
import type { searchActions } from '../../../src/renderer/src/actions/paletteSearch';

let actions: typeof WindowActions;
let search: typeof searchActions;

beforeAll(async () => {
  // The theme store reads the window's storage and colour preference when it loads.
  vi.stubGlobal('window', { localStorage: { getItem: () => null }, matchMedia: () => ({ matches: false }) });
  actions = await import('../../../src/renderer/src/actions/windowActions');
  search = (await import('../../../src/renderer/src/actions/paletteSearch')).searchActions;
});

describe('the actions', () => {
  it('are each defined once: unique ids, and no key binding bound twice', () => {
    const all: readonly Action<never>[] = actions.WINDOW_ACTIONS;
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    const chords = all.filter((a) => a.keys !== undefined).map((a) => JSON.stringify(parseKeys(a.keys!)));
    expect(new Set(chords).size).toBe(chords.length);
    // The window runs every engine action too (the same kill switch as the menu).
    for (const a of ENGINE_ACTIONS) expect(all).toContain(a);
  });

  it('the kill switch is the one global binding, and it is never disabled', () => {
    expect(actions.WINDOW_ACTIONS.filter((a) => a.global)).toEqual([killSwitchAction]);
    const ctx = { state: () => null, engageKillSwitch: vi.fn() };
    expect(killSwitchAction.enabled(ctx)).toBeNull();
    killSwitchAction.run(ctx);
    expect(ctx.engageKillSwitch).toHaveBeenCalledTimes(1);
  });

  it('Re-arm is disabled while the breaker is armed, enabled once it tripped or the kill switch is on', () => {
    const breaker = { state: 'closed', killSwitch: false } as const;
    const ctx = (b: object | null) => ({ client: null as never, engageKillSwitch: () => undefined, state: () => (b ? ({ breaker: b } as never) : null) });
    expect(actions.rearmAction.enabled(ctx(null))).toBe('Waiting for the engine');
    expect(actions.rearmAction.enabled(ctx(breaker))).toBe('The breaker is armed');
    expect(actions.rearmAction.enabled(ctx({ ...breaker, killSwitch: true }))).toBeNull();
    expect(actions.rearmAction.enabled(ctx({ ...breaker, state: 'open' }))).toBeNull();
  });

  it('the palette finds by every word typed, the label first', () => {
    const ids = (q: string) => search(actions.WINDOW_ACTIONS, q).map((a) => a.id);
    expect(ids('')).toEqual(actions.WINDOW_ACTIONS.map((a) => a.id));
    // "kill" is in the kill switch's label and in Re-arm's description: the label wins.
    expect(ids('kill')).toEqual(['trading.killSwitch', 'trading.rearm']);
    expect(ids('show risk')).toEqual(['view.show.risk']);
    expect(ids('TRADING exec')).toEqual(['trading.execute']);
    expect(ids('nothing like this')).toEqual([]);
  });
});
