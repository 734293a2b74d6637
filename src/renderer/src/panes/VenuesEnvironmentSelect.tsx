import { useState } from 'react';
import type { VenueEnvironment, VenueStatus } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { describeError } from '../desk/errors';

const ENV_LABEL: Record<VenueEnvironment, string> = { simulator: 'Simulator', demo: 'Demo', production: 'Production' };

export function VenuesEnvironmentSelect({ client, venue }: { client: ArbdeskClient; venue: VenueStatus }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choose = async (environment: VenueEnvironment) => {
    setBusy(true);
    setError(null);
    try {
      await client.call('setVenueEnvironment', { venue: venue.venue, environment });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="venue-env">
      <select
        aria-label={`${venue.name} environment`}
        value={venue.selectedEnvironment}
        disabled={busy}
        onChange={(e) => void choose(e.target.value as VenueEnvironment)}
      >
        {venue.environments.map((env) => (
          <option key={env} value={env}>{ENV_LABEL[env]}</option>
        ))}
      </select>
      {venue.environment !== venue.selectedEnvironment ? (
        <span className={`env-badge env-${venue.environment}`}>
          running {ENV_LABEL[venue.environment]}{venue.keysSet ? '' : ' (no keys)'}
        </span>
      ) : null}
      {error ? <div role="alert" className="danger">{error}</div> : null}
    </div>
  );
}
