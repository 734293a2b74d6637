import type { ArbdeskClient } from '../bridge/client';
import { DemoSpeedButton } from '../components/DemoSpeedButton';
import { EmptyState } from '../components/EmptyState';
import { usesSimulator } from '../desk/simulator';
import { useAppStore } from '../store/appStore';

const ENVIRONMENT = { simulator: 'SIMULATOR', demo: 'demo', production: 'production' } as const;

/** The empty table on a first run: what is watched, where it runs, and what to do for cross-venue baskets. */
export function FirstRunHelp({ client }: { client: ArbdeskClient }) {
  const app = useAppStore((s) => s.app);
  const setTab = useAppStore((s) => s.setBottomTab);
  if (!app) return <EmptyState title="Connecting to the engine…" />;
  const suggested = app.links.filter((l) => l.status === 'suggested').length;
  const confirmed = app.links.filter((l) => l.status === 'confirmed').length;
  const simulated = usesSimulator(app);
  return (
    <EmptyState title="No opportunities right now">
      {app.venues.length === 0 ? (
        <p>No venue is connected yet. Baskets that pay more than they cost after fees appear here as soon as books arrive.</p>
      ) : (
        <p className="watching" aria-label="Watching">
          Watching{' '}
          {app.venues.map((v, i) => (
            <span key={v.venue}>
              {i > 0 ? ' and ' : ''}
              {v.connection === 'disabled' && v.markets === 0 ? (
                // Off (no keys, or a venue the trader may not use): nothing is watched there.
                <>no {v.name} markets ({v.name} is off)</>
              ) : (
                <>
                  <b>{v.markets}</b> {v.name} markets (<span className={v.environment === 'simulator' ? 'sim-word' : undefined}>{ENVIRONMENT[v.environment]}</span>, {v.connection})
                </>
              )}
            </span>
          ))}
          .
        </p>
      )}
      {simulated ? (
        <p>The simulator invents its books and opens real arbitrage now and then, for a few seconds. Baskets within one venue (exclusive outcomes, strike ladders) appear here by themselves.</p>
      ) : (
        <p>Baskets within one venue (exclusive outcomes, strike ladders) appear here as soon as the books allow one.</p>
      )}
      <p>
        Cross-venue baskets need a link you confirm: <b>{suggested}</b> suggested link{suggested === 1 ? '' : 's'} await{suggested === 1 ? 's' : ''} review in Links
        {confirmed > 0 ? `, ${confirmed} confirmed` : ''}.
      </p>
      <div className="empty-actions">
        <button type="button" onClick={() => setTab('links')} disabled={app.links.length === 0}>Review links</button>
        <DemoSpeedButton client={client} />
      </div>
    </EmptyState>
  );
}
