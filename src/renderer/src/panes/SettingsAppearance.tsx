import { useTheme, type ThemeChoice } from '../theme/theme';

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'dark', label: 'Dark' },
  { value: 'light', label: 'Light' },
];

export function SettingsAppearance() {
  const choice = useTheme((s) => s.choice);
  const theme = useTheme((s) => s.theme);
  const choose = useTheme((s) => s.choose);
  return (
    <section className="settings-section" aria-labelledby="appearance-heading">
      <h3 id="appearance-heading">Appearance</h3>
      <fieldset className="theme-choice" aria-label="Theme">
        {CHOICES.map((c) => (
          <label key={c.value} className="check">
            <input type="radio" name="theme" value={c.value} checked={choice === c.value} onChange={() => choose(c.value)} /> {c.label}
            {c.value === 'system' ? <span className="muted"> (now {theme})</span> : null}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
