import { useState } from 'react';
import type { VenueManifestView, VenueStatus } from '../../../shared/contract';
import type { TraderJurisdiction } from '../../../shared/jurisdiction';
import type { ArbdeskClient } from '../bridge/client';
import { describeError } from '../desk/errors';

const CHOICES: readonly { value: TraderJurisdiction; title: string; meaning: string }[] = [
  {
    value: 'non_us',
    title: 'International Polymarket (outside the US)',
    meaning: 'polymarket.com. It blocks US residents: choose this only if you live outside the US.',
  },
  {
    value: 'us',
    title: 'Polymarket US',
    meaning: 'The CFTC-regulated US exchange, in US dollars: its own order book, not shared with international Polymarket. The Polymarket a US resident may use; Kalshi ↔ Polymarket US is the legal US pair.',
  },
  {
    value: 'both',
    title: 'Both',
    meaning: 'Only if you hold an account on each, with your own keys for each. A venue without its keys stays off.',
  },
];

/**
 * Which Polymarket the trader may use. Kept by the engine (settings.json); the two Polymarket
 * venues restart at once under the new choice, and a basket never pairs a venue the trader may not use.
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
      setStatus({ ok: true, text: `Applied: ${CHOICES.find((c) => c.value === chosen)!.title}.` });
    } catch (e) {
      setStatus({ ok: false, text: `Not changed: ${describeError(e)}` });
    } finally {
      setSaving(false);
    }
  };
  // The venues this choice gates: those restricted by the US border.
  const gated = new Set(manifests.filter((m) => m.jurisdiction !== undefined).map((m) => m.venue));
  const polymarkets = venues.filter((v) => gated.has(v.venue));
  const everywhere = manifests.filter((m) => m.jurisdiction === undefined).map((m) => m.name);
  return (
    <section className="settings-section jurisdiction" aria-labelledby="jurisdiction-heading">
      <h3 id="jurisdiction-heading">Polymarket access</h3>
      <p className="muted">
        Which Polymarket you may trade on{everywhere.length > 0 ? `; ${everywhere.join(', ')} run${everywhere.length === 1 ? 's' : ''} under every choice` : ''}. Apply
        restarts the Polymarket venues at once; one you may not use stays off.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <fieldset className="jurisdiction-choices" disabled={saving}>
          <legend>Where you may trade</legend>
          {CHOICES.map((c) => (
            <label key={c.value} className="jurisdiction-choice">
              <input type="radio" name="trader-jurisdiction" value={c.value} checked={chosen === c.value} onChange={() => setDraft(c.value)} />
              <span>
                <strong>{c.title}</strong>
                <span className="muted jurisdiction-meaning">{c.meaning}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={saving || chosen === jurisdiction}>{saving ? 'Applying…' : 'Apply'}</button>
      </form>
      {polymarkets.length > 0 ? (
        <ul className="jurisdiction-venues muted" aria-label="Polymarket venues now">
          {polymarkets.map((v) => (
            <li key={v.venue}>{v.name}: {v.connection === 'disabled' ? 'off' : v.connection}</li>
          ))}
        </ul>
      ) : null}
      {status ? <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'muted' : 'danger'}>{status.text}</p> : null}
    </section>
  );
}
