// Every venue's contract-spec reader, one line each: the `arbdesk spec` / `relate` commands find
// the venue whose payload a file holds and read it through that venue's own reader.
import { read, SpecInputError, type SpecInput } from '../specs/model';
import { kalshiSpecReader } from './kalshi/contractSpec';
import { polymarketSpecReader } from './polymarket/contractSpec';

export interface SpecReader {
  readonly venue: string;
  recognises(json: Record<string, unknown>): boolean;
  read(json: Record<string, unknown>): SpecInput;
}

export const SPEC_READERS: readonly SpecReader[] = [kalshiSpecReader, polymarketSpecReader];

/** A venue's market JSON → its spec input; SpecInputError naming the field when it cannot be read. */
export function readMarketJson(json: unknown): SpecInput {
  const obj = read.object(json, '');
  const reader = SPEC_READERS.find((r) => r.recognises(obj));
  if (!reader) throw new SpecInputError('(top level)', `not a market object of any venue (${SPEC_READERS.map((r) => r.venue).join(', ')})`);
  return reader.read(obj);
}
