// The ledger of the current mode: one SQLite file per mode, opened one at a time. Switching opens
// the other mode's ledger first — if it cannot be opened, or what must move onto it refuses,
// nothing changes — then closes the previous one and says so (onDidSwitch).
import type { Mode } from '../../shared/contract';
import { Disposable, Emitter } from '../../shared/lifecycle';
import type { Clock } from '../platform/clock';
import { Ledger } from './ledger';

export interface LedgerSessionOptions {
  dataDir: string;
  clock: Clock;
  /** Applied to every value written: no key is ever stored. */
  redact: (text: string) => string;
}

export class LedgerSession extends Disposable {
  private ledger: Ledger;
  private readonly onDidSwitchEmitter = this.register(new Emitter<Mode>());
  /** The mode changed: the ledger is the new mode's. */
  readonly onDidSwitch = this.onDidSwitchEmitter.event;

  constructor(
    private readonly options: LedgerSessionOptions,
    mode: Mode,
  ) {
    super();
    this.ledger = this.open(mode);
  }

  /** The ledger of the current mode (it changes with the mode: hold on to it only briefly). */
  get current(): Ledger {
    return this.ledger;
  }

  get mode(): Mode {
    return this.ledger.mode;
  }

  /** Opens a mode's ledger apart from the current one; the caller closes it. */
  open(mode: Mode): Ledger {
    return Ledger.openInDir(this.options.dataDir, { mode, clock: this.options.clock, redact: this.options.redact });
  }

  /**
   * Moves to the other mode's ledger. `adopt` moves what reads the ledger onto the new one; when
   * it throws, it has undone itself, the new ledger is closed and the error goes to the caller.
   */
  switchTo(mode: Mode, adopt: (next: Ledger, previous: Ledger) => void): void {
    if (this.ledger.mode === mode) return;
    const next = this.open(mode);
    const previous = this.ledger;
    try {
      adopt(next, previous);
    } catch (e) {
      next.close();
      throw e;
    }
    this.ledger = next;
    previous.close();
    this.onDidSwitchEmitter.fire(mode);
  }

  override dispose(): void {
    super.dispose();
    this.ledger.close();
  }
}
