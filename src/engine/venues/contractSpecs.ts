// A venue market file → the contract-spec parser's input: `arbdesk spec` / `relate` find the
// registered venue whose reader recognises the payload (VenueContribution.contractSpec) and read
// it through that venue's own reader.
import { read, SpecInputError, type SpecInput } from '../specs/model';
import { venueRegistry, type VenueRegistry } from './registry';

/** A venue's market JSON → its spec input; SpecInputError naming the field when it cannot be read. */
export async function readMarketJson(json: unknown, registry: VenueRegistry = venueRegistry): Promise<SpecInput> {
  const obj = read.object(json, '');
  const readers = await Promise.all(registry.all().flatMap((v) => (v.contractSpec ? [v.contractSpec().then((reader) => ({ venue: v.manifest.id, reader }))] : [])));
  const found = readers.find((r) => r.reader.recognises(obj));
  if (!found) throw new SpecInputError('(top level)', `not a market object of any venue (${readers.map((r) => r.venue).join(', ')})`);
  return found.reader.read(obj);
}
