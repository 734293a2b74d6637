// Where the crash-recovery test kills the engine: SIGKILL from inside, at an exact point of the
// first execution's entry orders, by wrapping the venues' trading APIs (the edge of the machine;
// the executor, ledger and connectors run unchanged). The executor writes every leg's intent to
// the ledger, then starts every leg's venue call in one tick:
//   before_send   the first venue call: every intent is written, nothing has left the process;
//   between_legs  the first leg's call goes out and is answered; the next leg's never leaves;
//   after_fills   every leg's call is answered by the venue; killed before the executor sees one.
// Only entry orders count: an unwind of a basket an earlier crash left unequal (the test re-arms
// by unwinding it) passes through untouched, or it would be taken for the first leg.
import type { TradingApi, OrderResult, PreparedOrder, OrderRequest } from '../engine';

export const CRASH_WINDOWS = ['before_send', 'between_legs', 'after_fills'] as const;
export type CrashWindow = (typeof CRASH_WINDOWS)[number];

export class CrashHook {
  private readonly answered: Promise<OrderResult | undefined>[] = [];
  private calls = 0;
  private sent = 0;
  private settled = 0;

  constructor(
    private readonly window: CrashWindow,
    /** Whether the order is an execution's entry leg (from the ledger's intent). */
    private readonly isEntry: (req: OrderRequest) => boolean,
    /** Entry legs per execution: after_fills waits for this many answers. */
    private readonly legs = 2,
    private readonly die: (window: CrashWindow, evidence: string) => never = (w, evidence) => {
      process.stderr.write(`chaos engine: SIGKILL ${w}: ${evidence}\n`);
      process.kill(process.pid, 'SIGKILL');
      throw new Error('unreachable');
    },
  ) {}

  /** Wraps this API's placeOrder and prepareOrder(...).send in place. */
  install(api: TradingApi): void {
    const place = api.placeOrder.bind(api);
    api.placeOrder = (req) => (this.isEntry(req) ? this.send(() => place(req)) : place(req));
    if (api.prepareOrder) {
      const prepare = api.prepareOrder.bind(api);
      api.prepareOrder = async (req): Promise<PreparedOrder> => {
        const prepared = await prepare(req);
        // Asked at send time: planning prepares an order before its intent is in the ledger.
        const send = () => (this.isEntry(req) ? this.send(() => prepared.send()) : prepared.send());
        return { request: prepared.request, venueOrderId: prepared.venueOrderId, send };
      };
    }
  }

  /** What had happened when the hook killed the process, for the test to check against. */
  private evidence(): string {
    return `${this.sent} of ${this.legs} legs sent, ${this.settled} answered by the venue`;
  }

  private send(call: () => Promise<OrderResult>): Promise<OrderResult> {
    const n = ++this.calls;
    if (n > this.legs) return call();
    if (this.window === 'before_send') this.die(this.window, this.evidence());
    if (this.window === 'between_legs' && n > 1) {
      // The earlier leg reaches the venue and is answered; this one never leaves.
      return Promise.allSettled(this.answered).then(() => this.die(this.window, this.evidence()));
    }
    const result = call();
    this.sent++;
    this.answered.push(result.then((r) => {
      this.settled++;
      return r;
    }, () => {
      this.settled++;
      return undefined;
    }));
    if (this.window === 'after_fills') {
      // Every leg answered by the venue: die before the executor learns any answer.
      if (this.answered.length === this.legs) void Promise.allSettled(this.answered).then(() => this.die(this.window, this.evidence()));
      return new Promise<OrderResult>(() => undefined);
    }
    return result;
  }
}
