import type { ExecutionResult } from '../../../shared/contract';
import { compareDecimal } from '../lib/decimal';

const n = (x: number) => x.toLocaleString('en-US');

/**
 * How much of what the trader asked for was done, and why not all of it: "Filled 951 of 1,222
 * contracts — depth moved before send" (the engine re-sized on the books it found before sending),
 * or "— some orders filled only in part".
 */
export function fillSummary(result: ExecutionResult, requested: number): string {
  if (result.status === 'refused') return `Nothing sent of ${n(requested)} contracts`;
  const head = `${result.status === 'failed' ? 'Complete' : 'Filled'} ${n(result.size)} of ${n(requested)} contracts`;
  if (result.size >= requested) return head;
  const sent = result.legs.length > 0 ? Math.max(...result.legs.map((l) => l.requested)) : 0;
  if (sent > 0 && sent < requested) return `${head} — depth moved before send`;
  if (result.legs.some((l) => compareDecimal(l.filled, String(l.requested)) < 0)) return `${head} — some orders filled only in part`;
  return head;
}
