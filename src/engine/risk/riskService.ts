import type { BreakerState, KillSwitchResult, Limits, TripKind } from '../../shared/contract';
import { Emitter } from '../../shared/lifecycle';
import type { Clock } from '../clock';

/**
 * The order path's gate. This first version knows only the kill switch and manual re-arm; the
 * full circuit breaker (limits, consecutive errors, cooldown, half-open probe) replaces it.
 */
export class RiskService {
  private breaker: BreakerState = {
    state: 'closed',
    killSwitch: false,
    reason: null,
    trippedAt: null,
    cooldownEndsAt: null,
    consecutiveErrors: 0,
    dailyLoss: '0',
    trips: [],
  };
  private readonly onDidChangeEmitter = new Emitter<BreakerState>();
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(
    private readonly clock: Clock,
    private currentLimits: Limits,
  ) {}

  state(): BreakerState {
    return this.breaker;
  }

  limits(): Limits {
    return this.currentLimits;
  }

  setLimits(limits: Limits): Limits {
    this.currentLimits = limits;
    return limits;
  }

  /** True when an order may be sent right now. */
  isOrderPathOpen(): boolean {
    return this.breaker.state !== 'open' && !this.breaker.killSwitch;
  }

  engageKillSwitch(): KillSwitchResult {
    const started = this.clock.monotonic();
    this.trip('kill_switch', 'Kill switch engaged by the trader', true);
    return { engagedAt: this.clock.now(), blockedInMs: this.clock.monotonic() - started, cancelled: [], failed: [] };
  }

  rearm(): BreakerState {
    this.breaker = { ...this.breaker, state: 'closed', killSwitch: false, reason: null, trippedAt: null, cooldownEndsAt: null, consecutiveErrors: 0 };
    this.onDidChangeEmitter.fire(this.breaker);
    return this.breaker;
  }

  private trip(kind: TripKind, reason: string, killSwitch: boolean): void {
    const at = this.clock.now();
    this.breaker = {
      ...this.breaker,
      state: 'open',
      killSwitch: this.breaker.killSwitch || killSwitch,
      reason,
      trippedAt: at,
      trips: [{ at, kind, reason }, ...this.breaker.trips].slice(0, 200),
    };
    this.onDidChangeEmitter.fire(this.breaker);
  }

  dispose(): void {
    this.onDidChangeEmitter.dispose();
  }
}
