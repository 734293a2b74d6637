// Input checks of the ledger's writes: each failure names the field (LedgerError 'invalid').
import type { Decimal } from 'decimal.js';
import { MoneyError, dec } from '../../shared/money';
import { LedgerError } from './errors';

const ID_MAX = 128;

export function invalid(field: string, message: string): LedgerError {
  return new LedgerError('invalid', field, `${field}: ${message}`);
}

export function checkId(value: unknown, field: string, max = ID_MAX): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) throw invalid(field, `expected a non-empty id of at most ${max} characters`);
  return value;
}

export function money(value: unknown, field: string, rule: Parameters<typeof dec>[2] = {}): Decimal {
  try {
    return dec(value, field, rule);
  } catch (e) {
    if (e instanceof MoneyError) throw new LedgerError('invalid', field, e.message);
    throw e;
  }
}
