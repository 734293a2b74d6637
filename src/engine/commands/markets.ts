// Market commands: links (confirm, reject), the books the UI watches, the watchlist, where each
// venue runs, "why this pays", and the built-in simulator's demo speed.
import { CommandError, type VenueStatus, type Watchlist } from '../../shared/contract';
import type { MarketRef, VenueId } from '../../shared/ids';
import type { ActivityLog } from '../activity/activityLog';
import type { BookWatch } from '../live/bookWatch';
import type { LinkService } from '../live/linkService';
import type { UniverseSync } from '../live/universeSync';
import type { VenueHost } from '../live/venueHost';
import type { Scanner } from '../scanner/scanner';
import type { SettingsStore } from '../settings/settingsStore';
import { WatchFilter } from '../universe/catalog';
import { explainBasket } from '../universe/explain';
import type { MarketUniverse } from '../universe/universe';
import type { VenueRegistry } from '../venues/registry';
import type { Handlers } from './handlers';

export interface MarketCommandPorts {
  links: LinkService;
  bookWatch: BookWatch;
  scanner: Scanner;
  sync: UniverseSync;
  universe: MarketUniverse;
  host: VenueHost;
  venues: VenueRegistry;
  settings: SettingsStore;
  activity: ActivityLog;
  now(): number;
  venueStatuses(): VenueStatus[];
}

type MarketCommands = 'confirmLink' | 'rejectLink' | 'watchMarket' | 'unwatchMarket' | 'setWatchlist' | 'setVenueEnvironment' | 'explainBasket' | 'setSimulatorSpeed';

export function marketCommands(p: MarketCommandPorts): Handlers<MarketCommands> {
  return {
    confirmLink: ({ linkId, relation, override }) => p.links.confirm(linkId, relation, override),

    rejectLink: ({ linkId }) => p.links.reject(linkId),

    watchMarket: ({ market }) => {
      const ref = market as MarketRef;
      const view = p.scanner.has(ref) ? p.bookWatch.watch(ref) : null;
      if (view === null) throw new CommandError('not_found', `market: no market "${market}" is being watched by any venue`, 'payload.market');
      return view;
    },

    unwatchMarket: ({ market }) => {
      p.bookWatch.unwatch(market as MarketRef);
      return { market };
    },

    setWatchlist: ({ watchlist }) => setWatchlist(p, watchlist),

    setVenueEnvironment: ({ venue, environment }) => setVenueEnvironment(p, venue, environment),

    explainBasket: ({ strategy, legs }) => {
      if (strategy === 'conditional' && (legs.length !== 2 || legs[0]!.market === legs[1]!.market)) {
        throw new CommandError('invalid_payload', 'legs: a conditional basket has two legs on two markets', 'payload.legs');
      }
      if ((strategy === 'cross_venue' || strategy === 'single_market') && legs.length !== 2) {
        throw new CommandError('invalid_payload', `legs: a ${strategy} basket has two legs`, 'payload.legs');
      }
      return explainBasket(strategy, legs.map((l) => ({ market: l.market as MarketRef, outcome: l.outcome })), {
        market: (ref) => p.universe.market(ref),
        relations: p.sync.relations(),
        links: p.links.book.links(),
        environment: (venue) => p.host.environment(venue),
        now: p.now(),
        venues: p.venues,
      });
    },

    setSimulatorSpeed: ({ speed }) => {
      const simulator = p.host.simulator;
      if (simulator.state() === null) {
        return Promise.reject(new CommandError('refused', 'speed: no venue runs against the built-in simulator', 'payload.speed'));
      }
      return simulator.setSpeed(speed).catch((e: unknown) => {
        throw new CommandError('unavailable', `speed: the simulator did not take it: ${(e as Error).message}`, 'payload.speed');
      });
    },
  };
}

function setWatchlist(p: MarketCommandPorts, watchlist: Watchlist) {
  p.settings.update({ watchlist });
  p.activity.append({
    kind: 'info',
    message: new WatchFilter(watchlist).watchesEverything
      ? 'Watching every market the venues list'
      : `Watching ${watchlist.categories.length} categor${watchlist.categories.length === 1 ? 'y' : 'ies'} and ${watchlist.series.length} series`,
  });
  p.sync.setWatchlist(watchlist);
  return p.sync.catalog();
}

async function setVenueEnvironment(p: MarketCommandPorts, venue: VenueId, environment: VenueStatus['environment']): Promise<VenueStatus> {
  const manifest = p.venues.get(venue).manifest;
  const offered = manifest.environments.map((e) => e.id);
  if (!offered.includes(environment)) {
    throw new CommandError('refused', `environment: ${manifest.name} has no ${environment} environment (it offers ${offered.join(', ')})`, 'payload.environment');
  }
  if (!p.host.available.includes(venue)) {
    throw new CommandError('unavailable', `venue: ${manifest.name} cannot run in this host`, 'payload.venue');
  }
  await p.host.setEnvironment(venue, environment);
  return p.venueStatuses().find((s) => s.venue === venue)!;
}
