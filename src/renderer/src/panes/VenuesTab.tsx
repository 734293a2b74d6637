import type { ArbdeskClient } from '../bridge/client';
import { EmptyState } from '../components/EmptyState';
import { connectionTone, formatLag, formatMessageAge } from '../desk/venues';
import { VenueChip } from '../names/VenueChip';
import { useAppStore } from '../store/appStore';
import { VenuesEnvironmentSelect } from './VenuesEnvironmentSelect';
import { venueManifests } from '../names/venues';
import { balanceLabel } from '../desk/balances';
import type { VenueStatus } from '../../../shared/contract';
import './VenuesTab.css';

const CONNECTION_LABEL = {
  connected: 'Connected',
  connecting: 'Connecting',
  reconnecting: 'Reconnecting',
  down: 'Down',
  disabled: 'Disabled',
} as const;

export function VenuesTab({ client }: { client: ArbdeskClient }) {
  const venues = useAppStore((s) => s.app?.venues ?? []);
  const linked = useAppStore((s) => s.connection === 'open');
  if (venues.length === 0) {
    return <EmptyState title="No venues connected">With no keys, ArbDesk connects to its built-in simulator of {venueManifests().map((v) => v.name).join(' and ')}; venue status appears here.</EmptyState>;
  }
  return (
    <div className="tab-body venues-tab">
      <table aria-label="Venues" className="data-table">
        <thead>
          <tr>
            <th scope="col">Venue</th>
            <th scope="col">Connection</th>
            <th scope="col" className="num">Msg/s</th>
            <th scope="col" className="num">Last msg</th>
            <th scope="col" className="num">Lag</th>
            <th scope="col" className="num">Markets</th>
            <th scope="col" className="num">Stale / unknown books</th>
            <th scope="col" className="num" title="Live fills this session: the fee model against what the venue charged">Fees modelled / charged</th>
            <th scope="col" className="num" title="Cash the account can spend now (and, on a venue that has one, the allowance its exchange may draw); stale when not read recently">Cash</th>
            <th scope="col">Keys</th>
            <th scope="col">Environment</th>
          </tr>
        </thead>
        <tbody>
          {venues.map((v) => {
            // Without the engine, nothing is known of a venue: grey, never its last green.
            const tone = linked ? connectionTone(v.connection) : 'unknown';
            return (
              <tr key={v.venue} aria-label={v.name}>
                <th scope="row"><VenueChip venue={v.venue} long /></th>
                <td>
                  <span className={`connection connection-${tone}`} aria-label={`${v.name} connection: ${linked ? v.connection : 'unknown'}`}>
                    <span className={`dot dot-${tone}`} /> {linked ? CONNECTION_LABEL[v.connection] : 'Unknown (engine unreachable)'}
                  </span>
                  {v.detail ? <div className="venue-detail muted">{v.detail}</div> : null}
                </td>
                <td className="num">{v.messageRate.toFixed(1)}</td>
                <td className={`num${v.lastMessageAgeMs !== null && v.lastMessageAgeMs > 5_000 ? ' warn' : ''}`}>{formatMessageAge(v.lastMessageAgeMs)}</td>
                <td className="num">{formatLag(v.lagMs)}</td>
                <td className="num">{v.markets}</td>
                <td className={`num${v.staleBooks + v.unknownBooks > 0 ? ' warn' : ''}`}>{v.staleBooks} / {v.unknownBooks}</td>
                <td className={`num${v.fees && v.fees.mismatches > 0 ? ' warn' : ''}`} title={v.fees?.lastMismatch ?? undefined} aria-label={`${v.name} fees modelled and charged`}>
                  {v.fees ? `$${v.fees.modelled} / $${v.fees.charged}${v.fees.mismatches > 0 ? ` · ${v.fees.mismatches} mismatch${v.fees.mismatches === 1 ? '' : 'es'}` : ''}${v.fees.takenIn === 'shares' ? ' · BUY fee in shares' : ''}` : <span className="muted">—</span>}
                </td>
                <VenueCashCell name={v.name} balance={v.balance} />
                <td>{v.keysSet ? <span className="keys-set">set</span> : <span className="muted">not set</span>}</td>
                <td><VenuesEnvironmentSelect client={client} venue={v} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function VenueCashCell({ name, balance }: { name: string; balance: VenueStatus['balance'] }) {
  const cash = balanceLabel(name, balance);
  return (
    <td className={`num venue-cash-cell${cash.stale ? ' warn' : ''}`} title={cash.title} aria-label={`${name} cash`}>
      {cash.text}
      {balance?.source === 'paper' ? <span className="muted"> paper</span> : null}
      {cash.stale && balance ? <div className="venue-detail">{balance.error ? 'read failed' : 'stale'}</div> : null}
    </td>
  );
}
