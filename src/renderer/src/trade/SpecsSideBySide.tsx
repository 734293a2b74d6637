import type { ContractSpec, MarketLink, SpecField } from '../../../shared/contract';
import { formatCloseTime } from '../format';
import { VenueChip } from '../names/VenueChip';
import { comparatorText, relationText, specFieldText } from './specText';

interface Row {
  label: string;
  /** The compared spec fields this row shows: highlighted when the comparison says they differ or are unknown. */
  fields: readonly SpecField[];
  text(spec: ContractSpec): string;
  /** Rows the comparison does not cover (times, dispute): marked when the two sides read differently. */
  informational?: boolean;
}

const when = (iso: string) => (iso === 'unknown' ? 'unknown' : Number.isFinite(Date.parse(iso)) ? formatCloseTime(Date.parse(iso), 'UTC') : iso);

const ROWS: readonly Row[] = [
  { label: 'Subject', fields: ['subject', 'measure'], text: (s) => (s.measure === 'n/a' || s.measure === 'unknown' ? specFieldText(s.subject) : `${specFieldText(s.subject)} · ${s.measure}`) },
  { label: 'Comparator', fields: ['comparator'], text: comparatorText },
  { label: 'Threshold', fields: ['threshold'], text: (s) => specFieldText(s.threshold) },
  { label: 'Observed', fields: ['time', 'timezone', 'window'], text: (s) => `${specFieldText(s.time)}${s.timezone === 'n/a' ? '' : ` · ${specFieldText(s.timezone)}`}${typeof s.window === 'object' ? ` · ${specFieldText(s.window)}` : ''}` },
  { label: 'Source', fields: ['source'], text: (s) => specFieldText(s.source) },
  { label: 'Void / no data', fields: ['void_rules'], text: (s) => specFieldText(s.void_rules) },
  { label: 'Closes', fields: [], informational: true, text: (s) => when(s.close_time) },
  { label: 'Resolves by', fields: [], informational: true, text: (s) => when(s.resolve_by) },
  { label: 'Early close', fields: [], informational: true, text: (s) => s.early_close ?? 'not stated' },
  { label: 'Dispute', fields: [], informational: true, text: (s) => `${specFieldText(s.dispute)} · status ${s.status}` },
];

function toneOf(row: Row, link: MarketLink, a: string, b: string): string {
  if (row.fields.some((f) => link.comparison.differing.includes(f))) return 'spec-differs';
  if (row.fields.some((f) => link.comparison.unknown.includes(f)) || a.startsWith('unknown') || b.startsWith('unknown')) return 'spec-unknown';
  if (row.informational && a !== b) return 'spec-note';
  return '';
}

/**
 * Both markets' contract specs side by side, for a basket that relies on a cross-venue link: what
 * each pays on, field by field, a field that differs in red, one the parser could not read marked
 * unknown — so the trader sees, before trading, whether the two really are the same contract.
 */
export function SpecsSideBySide({ link }: { link: MarketLink }) {
  const [a, b] = link.sides;
  const status = link.status === 'suspended' ? 'suspended' : link.status === 'confirmed' ? 'confirmed' : link.status;
  return (
    <section className="specs-side" aria-label="Contract specs side by side">
      <h3 className="detail-sub">Contract specs</h3>
      <p className={link.relation === 'different' || link.relation === 'unknown' || link.status === 'suspended' ? 'warn specs-verdict' : 'specs-verdict'}>
        Link {status} as <b>{relationText(link)}</b>
        {link.comparison.differing.length > 0 ? <> · differs in {link.comparison.differing.join(', ')}</> : <> · no known field differs</>}
        {link.comparison.unknown.length > 0 ? <> · unknown: {link.comparison.unknown.join(', ')}</> : null}
        {link.override ? <span className="muted"> · override: “{link.override.reason}”</span> : null}
        {link.suspension ? <> · suspended: {link.suspension.changes.join('; ')}</> : null}
      </p>
      {a.spec && b.spec ? (
        <table className="specs-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col"><VenueChip venue={a.venue} long /></th>
              <th scope="col"><VenueChip venue={b.venue} long /></th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => {
              const ta = row.text(a.spec!);
              const tb = row.text(b.spec!);
              const tone = toneOf(row, link, ta, tb);
              return (
                <tr key={row.label} className={tone} data-field={row.label}>
                  <th scope="row">{row.label}</th>
                  <td>{ta}</td>
                  <td>{tb}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted">The specs show once both markets are listed again.</p>
      )}
    </section>
  );
}
