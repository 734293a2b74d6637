// Sub-entry of the engine (see index.ts): what a host's tools read of a running engine —
// `arbdesk record` (a session recorder, the books' digest), chaos and bench (ledgers opened apart,
// their records, which baskets hold unequal legs).
export { SessionRecorder } from './live/sessionRecorder';
export { booksDigest } from './live/bookDigest';
export { Ledger } from './ledger/ledger';
export { unequalOf } from './ledger/unequal';
export type { FillRecord, OrderRecord } from './ledger/types';
export type { BookStore } from './books/bookStore';
