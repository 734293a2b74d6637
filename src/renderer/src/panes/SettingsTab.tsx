import { SECRET_NAMES } from '../../../shared/contract';
import { useAppStore } from '../store/appStore';

export function SettingsTab() {
  const secrets = useAppStore((s) => s.app?.secrets);
  const mode = useAppStore((s) => s.app?.mode);
  if (!secrets) return null;
  return (
    <div className="tab-body settings">
      <p>
        Mode: <strong>{mode?.toUpperCase()}</strong>. Paper trading is the default; live trading needs keys, saved limits and a typed confirmation.
      </p>
      <p>
        Keychain: {secrets.keychain.available ? secrets.keychain.backend : <span className="warn">unavailable — {secrets.keychain.detail ?? secrets.keychain.backend}</span>}
      </p>
      <ul className="secret-list" aria-label="Keys">
        {SECRET_NAMES.map((name) => (
          <li key={name}>{name}: {secrets.set[name] ? 'set' : 'not set'}</li>
        ))}
      </ul>
    </div>
  );
}
