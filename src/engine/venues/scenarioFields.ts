// Reading scenario files (formats.md §2) field by field: the error names the field and quotes a
// little of what was there. The scanner reads the file's frame (markets, relations, options); each
// venue's scenario adapter reads its own market fields with these (contribution.ts).
import { isTradablePrice, parsePrice, parseQty, type Price } from '../../shared/units';
import { formatContracts, formatPriceTicks } from '../../shared/unitText';
import { MAX_LEVEL_QTY } from '../books/priceLevels';
import type { Levels } from '../books/marketBook';
import type { FeeModel } from '../fees/feeModel';

/** Bad input: which field, and what is wrong with it. */
export class ScenarioError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'ScenarioError';
  }
}

type Json = unknown;

/** The longest piece of an input value an error message quotes. */
const QUOTE_CHARS = 40;

/**
 * A short, one-line picture of a value for an error message: at most QUOTE_CHARS characters,
 * control characters escaped (JSON), whatever its size or nesting depth (no recursion into it).
 */
export function describe(value: Json): string {
  if (value === undefined) return 'missing';
  return clip(preview(value, 3));
}

function preview(value: Json, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, QUOTE_CHARS + 1));
  if (typeof value !== 'object' || value === null) return String(JSON.stringify(value) ?? value);
  if (depth === 0) return Array.isArray(value) ? '[...]' : '{...}';
  const parts: string[] = [];
  let length = 0;
  const entries = Array.isArray(value) ? value : Object.keys(value);
  for (const entry of entries) {
    const part = Array.isArray(value)
      ? preview(entry, depth - 1)
      : `${JSON.stringify(String(entry).slice(0, QUOTE_CHARS + 1))}:${preview((value as Record<string, Json>)[entry as string], depth - 1)}`;
    parts.push(part);
    length += part.length + 1;
    if (length > QUOTE_CHARS) break;
  }
  return Array.isArray(value) ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

function clip(text: string): string {
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS - 3)}...` : text;
}

/** A string from the input, quoted for an error message (JSON-escaped, at most QUOTE_CHARS). */
export function quote(text: string): string {
  return clip(JSON.stringify(text.slice(0, QUOTE_CHARS + 1)));
}

export function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A decimal as the venues send it (a string); plain JSON numbers are accepted as their digits. */
export function decimalText(value: Json): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function readPrice(value: Json, field: string): number {
  const text = decimalText(value);
  if (text === null) throw new ScenarioError(field, `expected a price such as "0.45", got ${describe(value)}`);
  if (text.startsWith('-') && /^-\d*\.?\d+$/.test(text)) throw new ScenarioError(field, `price ${quote(text)} is negative`);
  const r = parsePrice(text);
  if (!r.ok) {
    if (r.reason === 'more than 4 decimal places') throw new ScenarioError(field, `price ${quote(text)} is finer than $0.0001`);
    throw new ScenarioError(field, `price ${quote(text)} is not a decimal number`);
  }
  if (!isTradablePrice(r.value as Price)) throw new ScenarioError(field, `price ${quote(text)} is outside (0, 1)`);
  return r.value;
}

export function readSize(value: Json, field: string): number {
  const text = decimalText(value);
  if (text === null) throw new ScenarioError(field, `expected a size such as "100.00", got ${describe(value)}`);
  if (text.startsWith('-') && /^-\d*\.?\d+$/.test(text)) throw new ScenarioError(field, `size ${quote(text)} is negative`);
  const r = parseQty(text, 'floor');
  if (!r.ok) throw new ScenarioError(field, `size ${quote(text)} is not a decimal number`);
  if (r.value > MAX_LEVEL_QTY) throw new ScenarioError(field, `size ${quote(text)} is too large`);
  return r.value;
}

/** Levels as `[[price, size], …]` pairs; absent or null: none. */
export function readPairLevels(value: Json, field: string): Levels {
  const out = { prices: [] as number[], qtys: [] as number[] };
  if (value === undefined || value === null) return out;
  if (!Array.isArray(value)) throw new ScenarioError(field, `expected an array of [price, count] levels, got ${describe(value)}`);
  value.forEach((level: Json, i) => {
    const f = `${field}[${i}]`;
    if (!Array.isArray(level) || level.length !== 2) throw new ScenarioError(f, `expected [price, count], got ${describe(level)}`);
    out.prices.push(readPrice(level[0], `${f}[0]`));
    out.qtys.push(readSize(level[1], `${f}[1]`));
  });
  return out;
}

/** Levels as `[{price, size}, …]` objects; absent or null: none. */
export function readObjectLevels(value: Json, field: string): Levels {
  const out = { prices: [] as number[], qtys: [] as number[] };
  if (value === undefined || value === null) return out;
  if (!Array.isArray(value)) throw new ScenarioError(field, `expected an array of {price, size} levels, got ${describe(value)}`);
  value.forEach((level: Json, i) => {
    const f = `${field}[${i}]`;
    if (!isObject(level)) throw new ScenarioError(f, `expected {"price", "size"}, got ${describe(level)}`);
    out.prices.push(readPrice(level.price, `${f}.price`));
    out.qtys.push(readSize(level.size, `${f}.size`));
  });
  return out;
}

export function readString(value: Json, field: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new ScenarioError(field, `expected ${what}, got ${describe(value)}`);
  return value;
}

/** A fee parameter: the fallback when absent, else a decimal the model accepts. */
export function readFee(value: Json, field: string, fallback: string, make: (text: string) => FeeModel | string): FeeModel {
  if (value === undefined) return make(fallback) as FeeModel;
  const text = decimalText(value);
  if (text === null) throw new ScenarioError(field, `expected a decimal such as "0.07", got ${describe(value)}`);
  const model = make(text);
  if (typeof model === 'string') throw new ScenarioError(field, model);
  return model;
}

/** Levels as [price, size] decimal strings, in stored order: how recordings write a side. */
export function levelPairs(levels: Levels): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < levels.prices.length; i++) out.push([formatPriceTicks(levels.prices[i]!), formatContracts(levels.qtys[i]!)]);
  return out;
}

/** Levels as {price, size} objects of decimal strings, in stored order. */
export function levelObjects(levels: Levels): { price: string; size: string }[] {
  return levelPairs(levels).map(([price, size]) => ({ price, size }));
}
