import type { VenueStatus } from '../../../shared/contract';

export type Tone = 'ok' | 'warn' | 'bad';

export function connectionTone(connection: VenueStatus['connection']): Tone {
  if (connection === 'connected') return 'ok';
  if (connection === 'down' || connection === 'disabled') return 'bad';
  return 'warn';
}

export function formatMessageAge(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min`;
}

export function formatLag(ms: number | null): string {
  return ms === null ? '—' : `${Math.round(ms)} ms`;
}
