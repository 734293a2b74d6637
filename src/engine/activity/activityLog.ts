import type { ActivityEntry, ActivityKind } from '../../shared/contract';
import type { VenueId } from '../../shared/ids';
import { Emitter } from '../../shared/lifecycle';
import type { Clock } from '../platform/clock';

export interface ActivityInput {
  kind: ActivityKind;
  message: string;
  level?: ActivityEntry['level'];
  venue?: VenueId | null;
  ref?: string | null;
}

export interface ActivityQuery {
  kinds?: readonly ActivityKind[];
  venue?: VenueId;
  limit?: number;
  before?: number;
}

/**
 * The in-memory tail of the activity log (what the UI shows). Durable history lives in the ledger;
 * a sink registered with `onDidAppend` writes it there.
 */
export class ActivityLog {
  private readonly entries: ActivityEntry[] = [];
  private nextId = 1;
  private readonly onDidAppendEmitter = new Emitter<ActivityEntry>();
  readonly onDidAppend = this.onDidAppendEmitter.event;

  constructor(
    private readonly clock: Clock,
    private readonly capacity = 5000,
    /** Blanks secrets from every message (Redactor.redact); messages can carry venue errors. */
    private readonly redact: (text: string) => string = (text) => text,
  ) {}

  append(input: ActivityInput): ActivityEntry {
    const entry: ActivityEntry = {
      id: this.nextId++,
      at: this.clock.now(),
      kind: input.kind,
      level: input.level ?? (input.kind === 'error' || input.kind === 'reject' ? 'warn' : 'info'),
      venue: input.venue ?? null,
      message: this.redact(input.message),
      ref: input.ref === undefined || input.ref === null ? null : this.redact(input.ref),
    };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    this.onDidAppendEmitter.fire(entry);
    return entry;
  }

  /** Most recent first. */
  query(q: ActivityQuery = {}): ActivityEntry[] {
    const limit = q.limit ?? 200;
    const kinds = q.kinds && q.kinds.length > 0 ? new Set(q.kinds) : null;
    const out: ActivityEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.entries[i]!;
      if (q.before !== undefined && e.id >= q.before) continue;
      if (kinds && !kinds.has(e.kind)) continue;
      if (q.venue && e.venue !== q.venue) continue;
      out.push(e);
    }
    return out;
  }

  dispose(): void {
    this.onDidAppendEmitter.dispose();
  }
}
