// One spelling of a key binding (Electron's accelerator syntax) read three ways: matching a key
// press, showing it to the trader, announcing it (aria-keyshortcuts).
import { describe, expect, it } from 'vitest';
import { ariaKeys, keysText, matchesKeys, parseKeys } from '../../../src/shared/keys';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('key bindings', () => {
  const kill = parseKeys('CommandOrControl+Shift+K');

  it('CommandOrControl is Control on Linux and Windows, Command on macOS', () => {
    expect(matchesKeys(kill, press('K', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matchesKeys(kill, press('K', { metaKey: true, shiftKey: true }), false)).toBe(false);
    expect(matchesKeys(kill, press('K', { metaKey: true, shiftKey: true }), true)).toBe(true);
    expect(matchesKeys(kill, press('K', { ctrlKey: true, shiftKey: true }), true)).toBe(false);
  });

  it('every modifier must be as bound: Ctrl+K is not Ctrl+Shift+K, and E is not Ctrl+E', () => {
    const palette = parseKeys('CommandOrControl+K');
    expect(matchesKeys(palette, press('k', { ctrlKey: true }), false)).toBe(true);
    expect(matchesKeys(palette, press('K', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matchesKeys(kill, press('k', { ctrlKey: true }), false)).toBe(false);
    const execute = parseKeys('E');
    expect(matchesKeys(execute, press('e'), false)).toBe(true);
    // Caps Lock: the key arrives upper case without Shift.
    expect(matchesKeys(execute, press('E'), false)).toBe(true);
    expect(matchesKeys(execute, press('e', { ctrlKey: true }), false)).toBe(false);
    expect(matchesKeys(execute, press('e', { altKey: true }), false)).toBe(false);
  });

  it('is shown as the platform writes it and announced in the aria-keyshortcuts form', () => {
    expect(keysText(kill, false)).toBe('Ctrl+Shift+K');
    expect(keysText(kill, true)).toBe('⇧⌘K');
    expect(ariaKeys(kill, false)).toBe('Control+Shift+K');
    expect(ariaKeys(kill, true)).toBe('Meta+Shift+K');
    expect(keysText(parseKeys('E'), false)).toBe('E');
    expect(keysText(parseKeys('Alt+Escape'), false)).toBe('Alt+Escape');
  });

  it('refuses a binding it cannot read, naming it', () => {
    expect(() => parseKeys('Hyper+K')).toThrow(/"Hyper\+K": unknown modifier "hyper"/);
    expect(() => parseKeys('Shift+')).toThrow(/names no key/);
  });
});
