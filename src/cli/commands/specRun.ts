// What `arbdesk spec` and `arbdesk relate` do once they run: read each venue market file through
// its venue's reader, parse its contract spec, compare two. Loaded only by those commands.
import { readFileSync } from 'node:fs';
import type { ContractSpec } from '../../shared/contract/spec';
import { parseSpec, readMarketJson, relateSpecs, SpecInputError } from '../../engine/specTools';
import { fileProblem } from '../errorLine';

export type SpecFileResult = { ok: true; spec: ContractSpec } | { ok: false; message: string };

export async function specOfFile(path: string): Promise<SpecFileResult> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, message: `${path}: cannot read the market file: ${fileProblem(e)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  try {
    return { ok: true, spec: parseSpec(await readMarketJson(json)) };
  } catch (e) {
    if (e instanceof SpecInputError) return { ok: false, message: `${path}: ${e.message}` };
    throw e;
  }
}

/** One JSON object: the spec of one market. */
export function specOutput(spec: ContractSpec): string {
  return JSON.stringify(spec);
}

/** One JSON object: {relation, differing, unknown, specs: {a, b}}. */
export function relateOutput(a: ContractSpec, b: ContractSpec): string {
  return JSON.stringify({ ...relateSpecs(a, b), specs: { a, b } });
}
