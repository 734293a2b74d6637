import type { ExecutionResult } from '../../../shared/contract';
import { formatUsd } from '../format';
import { compareDecimal } from '../lib/decimal';
import type { ExecutionOutcome } from './tradeStore';

const n = (x: number) => x.toLocaleString('en-US');

/**
 * How much of what the trader asked for was done, and why not all of it: "Filled 66 of 850
 * contracts — sized to keep the worst case within the $5.00 per-trade limit" (more could lose more
 * than the limit if one leg filled alone), "— depth moved before send" (the engine re-sized on the
 * books it found before sending), or "— some orders filled only in part".
 */
export function fillSummary(result: ExecutionResult, requested: number, lossLimit?: ExecutionOutcome['lossLimit']): string {
  if (result.status === 'refused') return `Nothing sent of ${n(requested)} contracts`;
  const head = `${result.status === 'failed' ? 'Complete' : 'Filled'} ${n(result.size)} of ${n(requested)} contracts`;
  if (result.size >= requested) return head;
  const sent = result.legs.length > 0 ? Math.max(...result.legs.map((l) => l.requested)) : 0;
  if (sent > 0 && sent < requested && result.sizedBy) return `${head} — sized to cash: ${result.sizedBy}`;
  if (sent > 0 && sent < requested && lossLimit && sent <= lossLimit.maxSize && lossLimit.maxSize < requested) {
    return `${head} — sized to keep the worst case within the ${formatUsd(lossLimit.limit)} per-trade limit`;
  }
  if (sent > 0 && sent < requested) return `${head} — depth moved before send`;
  if (result.legs.some((l) => compareDecimal(l.filled, String(l.requested)) < 0)) return `${head} — some orders filled only in part`;
  return head;
}
