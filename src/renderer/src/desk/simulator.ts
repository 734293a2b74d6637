import type { AppState } from '../../../shared/contract';

/** The one-click demo speed: the simulator's world clock this many times real time. */
export const DEMO_SPEED = 10;
export const REAL_TIME = 1;

/** Some venue runs against the built-in simulator (its books and arbitrage are invented). */
export function usesSimulator(app: AppState | null): boolean {
  return app?.venues.some((v) => v.environment === 'simulator') ?? false;
}

export function isDemoSpeed(app: AppState | null): boolean {
  return (app?.simulator?.speed ?? REAL_TIME) > REAL_TIME;
}
