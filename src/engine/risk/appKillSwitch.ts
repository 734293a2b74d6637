// One kill switch for the whole app. The breaker keeps its state in the ledger of the current
// mode, and paper and live never share a ledger; the kill switch must not stay behind in one of
// them. Engaged in any mode, it blocks every mode's order path until the trader re-arms, through a
// mode switch, a restart that starts in the other mode, or a ledger that was lost.
//
// The record is a small file beside the ledgers, read once when a ledger is attached: the gate
// itself never touches it. The breaker is unchanged; its store is wrapped.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Mode } from '../../shared/contract';
import { PRIVATE_FILE_MODE } from '../privateFiles';
import type { BreakerStore, PersistedBreaker } from './breakerStore';

export const KILL_SWITCH_FILE = 'kill-switch.json';

export interface KillSwitchRecordState {
  engaged: boolean;
  /** When it was last engaged, and in which mode. */
  engagedAt: number | null;
  engagedIn: Mode | null;
  /** When the trader last re-armed: a ledger's kill switch older than this was released with it. */
  rearmedAt: number | null;
}

export class KillSwitchRecord {
  private current: KillSwitchRecordState | null;
  /** The file could not be read; the kill switch is treated as engaged (fail closed). */
  readonly loadProblem: string | null;

  constructor(readonly file: string) {
    const { state, problem } = KillSwitchRecord.load(file);
    this.current = state;
    this.loadProblem = problem;
  }

  static inDir(dataDir: string): KillSwitchRecord {
    return new KillSwitchRecord(path.join(dataDir, KILL_SWITCH_FILE));
  }

  /** null: never written (a first run, or ledgers from before this record existed). */
  get(): KillSwitchRecordState | null {
    return this.current;
  }

  engage(at: number, mode: Mode | null): void {
    this.write({ engaged: true, engagedAt: at, engagedIn: mode, rearmedAt: this.current?.rearmedAt ?? null });
  }

  rearm(at: number): void {
    this.write({ engaged: false, engagedAt: this.current?.engagedAt ?? null, engagedIn: this.current?.engagedIn ?? null, rearmedAt: at });
  }

  /** Replaced atomically and flushed: an engaged kill switch survives a crash right after. */
  private write(state: KillSwitchRecordState): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', PRIVATE_FILE_MODE);
    try {
      writeFileSync(fd, `${JSON.stringify(state)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    syncDirectory(path.dirname(this.file));
    this.current = state;
  }

  private static load(file: string): { state: KillSwitchRecordState | null; problem: string | null } {
    if (!existsSync(file)) return { state: null, problem: null };
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<KillSwitchRecordState> | null;
      if (raw === null || typeof raw !== 'object' || typeof raw.engaged !== 'boolean') throw new Error('"engaged" is not true or false');
      const time = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
      return {
        state: {
          engaged: raw.engaged,
          engagedAt: time(raw.engagedAt),
          engagedIn: raw.engagedIn === 'paper' || raw.engagedIn === 'live' ? raw.engagedIn : null,
          rearmedAt: time(raw.rearmedAt),
        },
        problem: null,
      };
    } catch (e) {
      return {
        state: { engaged: true, engagedAt: null, engagedIn: null, rearmedAt: null },
        problem: `${file} cannot be read (${(e as Error).message}): the kill switch is treated as engaged until you re-arm`,
      };
    }
  }
}

function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not every platform can fsync a directory (Windows); the rename itself is atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

const RELEASED: Pick<PersistedBreaker, 'state' | 'killSwitch' | 'reason' | 'tripKind' | 'trippedAt' | 'cooldownEndsAt' | 'consecutiveErrors'> = {
  state: 'closed',
  killSwitch: false,
  reason: null,
  tripKind: null,
  trippedAt: null,
  cooldownEndsAt: null,
  consecutiveErrors: 0,
};

/**
 * What the breaker should load from a ledger, given the app-wide record: engaged anywhere means
 * engaged here; a ledger's own kill switch that the trader re-armed since (in the other mode) is
 * released, as a re-arm does; with no record yet, the ledger decides.
 */
export function withAppKillSwitch(saved: PersistedBreaker | null, record: KillSwitchRecordState | null): PersistedBreaker | null {
  if (record === null) return saved;
  if (record.engaged) {
    if (saved?.killSwitch) return saved;
    const where = record.engagedIn ? ` (in ${record.engagedIn.toUpperCase()} mode)` : '';
    return {
      ...(saved ?? RELEASED),
      state: 'open',
      killSwitch: true,
      reason: `Kill switch engaged by the trader${where}`,
      tripKind: 'kill_switch',
      trippedAt: record.engagedAt,
      cooldownEndsAt: null,
    };
  }
  if (saved?.killSwitch && record.rearmedAt !== null && (saved.trippedAt ?? 0) <= record.rearmedAt) return { ...RELEASED };
  return saved;
}

/**
 * A ledger's breaker store, joined to the app-wide record: loading applies the record, and saving
 * a state that engages or releases the kill switch updates the record as well as the ledger.
 */
export function appKillSwitchStore(store: BreakerStore, record: KillSwitchRecord, context: { mode: Mode; now: () => number }): BreakerStore {
  return {
    loadState: () => withAppKillSwitch(store.loadState(), record.get()),
    saveState: (state) => {
      try {
        store.saveState(state);
      } finally {
        const r = record.get();
        if (state.killSwitch && !r?.engaged) record.engage(state.trippedAt ?? context.now(), context.mode);
        else if (!state.killSwitch && r?.engaged) record.rearm(context.now());
      }
    },
    appendEvent: (event) => store.appendEvent(event),
    recentTrips: (limit) => store.recentTrips(limit),
    realisedSince: (at) => store.realisedSince(at),
    openHoldings: () => store.openHoldings(),
    pendingOrders: () => store.pendingOrders(),
    unequalBaskets: (dust) => store.unequalBaskets(dust),
  };
}
