// Small shared types of the Kalshi connector.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Where the connector reports what it did and what went wrong (never a secret). */
export type VenueLog = (level: LogLevel, message: string) => void;

export const silentLog: VenueLog = () => {};
