// Key bindings are spelled once, in Electron's accelerator syntax ("CommandOrControl+Shift+K"):
// the desktop menu hands them to Electron as they are, and the window reads them here to match a
// key press, to show them ("Ctrl+Shift+K", "⌘⇧K") and to announce them (aria-keyshortcuts).

export interface KeyChord {
  /** Command on macOS, Control elsewhere. */
  readonly primary: boolean;
  readonly ctrl: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  /** Lower case: "k", "e", "escape". */
  readonly key: string;
}

const PRIMARY = new Set(['commandorcontrol', 'cmdorctrl']);

export function parseKeys(keys: string): KeyChord {
  const parts = keys.split('+').map((p) => p.trim().toLowerCase());
  const key = parts.pop();
  if (!key) throw new Error(`key binding "${keys}" names no key`);
  const known = new Set([...PRIMARY, 'control', 'ctrl', 'shift', 'alt']);
  const unknown = parts.find((p) => !known.has(p));
  if (unknown !== undefined) throw new Error(`key binding "${keys}": unknown modifier "${unknown}"`);
  return {
    primary: parts.some((p) => PRIMARY.has(p)),
    ctrl: parts.includes('control') || parts.includes('ctrl'),
    shift: parts.includes('shift'),
    alt: parts.includes('alt'),
    key,
  };
}

/** What a keydown event carries (a DOM KeyboardEvent fits). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export function matchesKeys(chord: KeyChord, press: KeyPress, mac: boolean): boolean {
  const wantCtrl = chord.ctrl || (chord.primary && !mac);
  const wantMeta = chord.primary && mac;
  return (
    press.key.toLowerCase() === chord.key &&
    press.ctrlKey === wantCtrl &&
    press.metaKey === wantMeta &&
    press.shiftKey === chord.shift &&
    press.altKey === chord.alt
  );
}

function keyName(key: string): string {
  return key.length === 1 ? key.toUpperCase() : key.charAt(0).toUpperCase() + key.slice(1);
}

/** For the trader: "Ctrl+Shift+K" (or "⌘⇧K" on macOS). */
export function keysText(chord: KeyChord, mac: boolean): string {
  if (mac) return `${chord.ctrl ? '⌃' : ''}${chord.alt ? '⌥' : ''}${chord.shift ? '⇧' : ''}${chord.primary ? '⌘' : ''}${keyName(chord.key)}`;
  const mods = [chord.ctrl || chord.primary ? 'Ctrl' : null, chord.alt ? 'Alt' : null, chord.shift ? 'Shift' : null].filter((m) => m !== null);
  return [...mods, keyName(chord.key)].join('+');
}

/** For assistive technology: the aria-keyshortcuts form ("Control+Shift+K"). */
export function ariaKeys(chord: KeyChord, mac: boolean): string {
  const mods = [chord.ctrl || (chord.primary && !mac) ? 'Control' : null, chord.primary && mac ? 'Meta' : null, chord.alt ? 'Alt' : null, chord.shift ? 'Shift' : null].filter((m) => m !== null);
  return [...mods, keyName(chord.key)].join('+');
}
