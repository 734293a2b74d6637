export type LedgerErrorCode =
  | 'unreadable'
  | 'schema_too_new'
  | 'wrong_mode'
  | 'closed'
  | 'invalid'
  | 'duplicate'
  | 'unknown_basket'
  | 'unknown_order'
  | 'order_final'
  | 'conflict';

/** A refused ledger write: nothing was written. `field` names the offending input. */
export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}
