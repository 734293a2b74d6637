import type { SecretsStatus } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { keychainProblem } from '../desk/keychain';
import { venueManifests } from '../names/venues';
import { SettingsSecretField } from './SettingsSecretField';

/** Keys go to the host's keychain once and are never read back; without a keychain the form is disabled. */
export function SettingsKeys({ client, secrets }: { client: ArbdeskClient; secrets: SecretsStatus }) {
  const { keychain } = secrets;
  return (
    <section className="settings-section" aria-labelledby="keys-heading">
      <h3 id="keys-heading">API keys</h3>
      {keychain.available ? (
        <p className="muted">Stored in {keychain.backend}. A key is sent once, checked, and never shown again; ArbDesk can only tell whether one is set.</p>
      ) : (
        <div role="alert" className="keychain-unavailable">
          <p><b>No keychain available</b> — {keychainProblem(keychain).cause}. Keys cannot be stored: ArbDesk never keeps them in plain text, so venues run against the simulator.</p>
          <p><b>To fix:</b> {keychainProblem(keychain).remedy}</p>
        </div>
      )}
      <form aria-label="Keys" onSubmit={(e) => e.preventDefault()}>
        {venueManifests().filter((v) => v.secrets.length > 0).map((v) => (
          <fieldset key={v.venue} disabled={!keychain.available} className="keys-fieldset">
            <legend>{v.name}</legend>
            {v.secrets.map((s) => <SettingsSecretField key={s.name} client={client} name={s.name} label={s.label} multiline={s.multiline} isSet={secrets.set[s.name] ?? false} />)}
          </fieldset>
        ))}
      </form>
    </section>
  );
}
