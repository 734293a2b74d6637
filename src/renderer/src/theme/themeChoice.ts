// The theme choice, without the store: what is saved, and what it resolves to.
export type ThemeChoice = 'system' | 'dark' | 'light';
export type Theme = 'dark' | 'light';

export const THEME_KEY = 'arbdesk.theme';

export function readChoice(storage: { getItem(key: string): string | null }): ThemeChoice {
  const v = storage.getItem(THEME_KEY);
  return v === 'dark' || v === 'light' ? v : 'system';
}

export function resolveTheme(choice: ThemeChoice, prefersLight: boolean): Theme {
  return choice === 'system' ? (prefersLight ? 'light' : 'dark') : choice;
}

