import { useState } from 'react';
import type { VenueManifestView, VenueStatus } from '../../../shared/contract';
import type { TraderJurisdiction } from '../../../shared/jurisdiction';
import type { ArbdeskClient } from '../bridge/client';
import { describeError } from '../desk/errors';

const TITLES: Record<TraderJurisdiction, string> = {
  non_us: 'Outside the US',
  us: 'In the US (a US resident)',
  both: 'Both, with my own keys for each',
};

/** "A and B" */
function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What each choice means, from the venues' manifests: which venues it runs and what each is. */
function meaning(choice: TraderJurisdiction, manifests: readonly VenueManifestView[]): string {
  if (choice === 'both') {
    return `Only if you hold an account on each side, with your own keys for each: ${listed(manifests.filter((m) => m.jurisdiction !== undefined).map((m) => m.name))}. A venue without its keys stays off.`;
  }
  const venues = manifests.filter((m) => m.jurisdiction === choice);
  if (venues.length === 0) return 'No venue restricted to this side is registered.';
  return `${venues.map((m) => `${m.name}${m.jurisdictionNote ? `: ${m.jurisdictionNote}` : ''}`).join('. ')}.`;
}

/**
 * Where the trader trades: which venues restricted by the US border they may use. Kept by the
 * engine (settings.json); Apply restarts those venues at once, and a basket never includes a venue
 * the trader may not use.
 */
export function SettingsJurisdiction({ client, jurisdiction, manifests, venues }: { client: ArbdeskClient; jurisdiction: TraderJurisdiction; manifests: readonly VenueManifestView[]; venues: readonly VenueStatus[] }) {
  // A draft, applied by the button: arrowing through the choices must not restart the venues each time.
  const [draft, setDraft] = useState<TraderJurisdiction | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const chosen = draft ?? jurisdiction;
  const apply = async () => {
    if (chosen === jurisdiction || saving) return;
    setSaving(true);
    try {
      await client.call('setTraderJurisdiction', { traderJurisdiction: chosen });
      setDraft(null);
      setStatus({ ok: true, text: `Applied: ${TITLES[chosen]}.` });
    } catch (e) {
      setStatus({ ok: false, text: `Not changed: ${describeError(e)}` });
    } finally {
      setSaving(false);
    }
  };
  const gated = new Set(manifests.filter((m) => m.jurisdiction !== undefined).map((m) => m.venue));
  const gatedVenues = venues.filter((v) => gated.has(v.venue));
  const everywhere = manifests.filter((m) => m.jurisdiction === undefined).map((m) => m.name);
  if (gated.size === 0) return null;
  return (
    <section className="settings-section jurisdiction" aria-labelledby="jurisdiction-heading">
      <h3 id="jurisdiction-heading">Where you trade</h3>
      <p className="muted">
        Some venues serve one side of the US border only; trade only where you may.{everywhere.length > 0 ? ` ${listed(everywhere)} run${everywhere.length === 1 ? 's' : ''} under every choice.` : ''} Apply
        restarts the restricted venues at once; one you may not use stays off.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <fieldset className="jurisdiction-choices" disabled={saving}>
          <legend>You trade from</legend>
          {(Object.keys(TITLES) as TraderJurisdiction[]).map((c) => (
            <label key={c} className="jurisdiction-choice">
              <input type="radio" name="trader-jurisdiction" value={c} checked={chosen === c} onChange={() => setDraft(c)} />
              <span>
                <strong>{TITLES[c]}</strong>
                <span className="muted jurisdiction-meaning">{meaning(c, manifests)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={saving || chosen === jurisdiction}>{saving ? 'Applying…' : 'Apply'}</button>
      </form>
      {gatedVenues.length > 0 ? (
        <ul className="jurisdiction-venues muted" aria-label="Restricted venues now">
          {gatedVenues.map((v) => (
            <li key={v.venue}>{v.name}: {v.connection === 'disabled' ? 'off' : v.connection}</li>
          ))}
        </ul>
      ) : null}
      {status ? <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'muted' : 'danger'}>{status.text}</p> : null}
    </section>
  );
}
