// Whether the trader may execute the selected opportunity now, and if not, why — the same reasons
// the engine would refuse for, shown before the click.
import type { BreakerState, Opportunity } from '../../../shared/contract';
import { nameParts } from '../names/marketNames';

export interface GateInputs {
  breaker: BreakerState | null;
  opportunity: Opportunity | null;
  /** The opportunity has left the engine's list. */
  closed: boolean;
  running: boolean;
  connected: boolean;
}

export function executeBlockedReason({ breaker, opportunity, closed, running, connected }: GateInputs): string | null {
  if (!opportunity) return 'Select an opportunity';
  if (!connected) return 'Not connected to the engine';
  if (running) return 'An execution of this opportunity is running';
  if (breaker?.killSwitch) return 'Kill switch engaged: re-arm to trade';
  if (breaker?.state === 'open') return `Trading halted${breaker.reason ? `: ${breaker.reason}` : ''}`;
  if (closed) return 'This opportunity has closed';
  if (opportunity.suspended) return `Suspended: ${opportunity.suspended}`;
  if (opportunity.stale) {
    const leg = opportunity.legs.find((l) => l.health !== 'live');
    return `Stale: ${leg ? `the ${nameParts(leg).name} book is ${leg.health}` : 'a leg book is not live'}`;
  }
  return null;
}
