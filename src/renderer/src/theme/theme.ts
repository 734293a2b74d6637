// Dark or light: the OS preference by default, or the trader's choice in Settings (kept in this
// window's localStorage). The resolved theme is the `data-theme` attribute of <html>, which every
// colour in the CSS reads; charts are rebuilt when it changes.
import { create } from 'zustand';
import { readChoice, resolveTheme, THEME_KEY, type Theme, type ThemeChoice } from './themeChoice';

export type { Theme, ThemeChoice } from './themeChoice';

interface ThemeStore {
  choice: ThemeChoice;
  theme: Theme;
  choose(choice: ThemeChoice): void;
}

const lightQuery = () => window.matchMedia('(prefers-color-scheme: light)');

export const useTheme = create<ThemeStore>()((set) => ({
  choice: readChoice(window.localStorage),
  theme: resolveTheme(readChoice(window.localStorage), lightQuery().matches),
  choose: (choice) => {
    if (choice === 'system') window.localStorage.removeItem(THEME_KEY);
    else window.localStorage.setItem(THEME_KEY, choice);
    set({ choice, theme: resolveTheme(choice, lightQuery().matches) });
  },
}));

/** Applies the theme to <html> now and whenever it (or the OS preference) changes. */
export function startTheme(): () => void {
  const apply = () => {
    document.documentElement.dataset.theme = useTheme.getState().theme;
  };
  apply();
  const off = useTheme.subscribe(apply);
  const query = lightQuery();
  const onOs = () => {
    const { choice } = useTheme.getState();
    useTheme.setState({ theme: resolveTheme(choice, query.matches) });
  };
  query.addEventListener('change', onOs);
  return () => {
    off();
    query.removeEventListener('change', onOs);
  };
}
