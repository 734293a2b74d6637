import { describe, expect, it } from 'vitest';
import { TradingDay, isValidTimeZone } from '../../../../src/engine/risk/tradingDay';

const utc = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);

describe('trading day', () => {
  it('starts at midnight in the chosen zone', () => {
    const ny = new TradingDay('America/New_York');
    // 02:30 UTC on 3 June is still 2 June in New York (EDT, UTC−4).
    expect(ny.key(utc(2025, 6, 3, 2, 30))).toBe('2025-06-02');
    expect(ny.startOf(utc(2025, 6, 3, 2, 30))).toBe(utc(2025, 6, 2, 4));
    expect(ny.nextStart(utc(2025, 6, 3, 2, 30))).toBe(utc(2025, 6, 3, 4));
    const utcDay = new TradingDay('UTC');
    expect(utcDay.startOf(utc(2025, 6, 3, 2, 30))).toBe(utc(2025, 6, 3));
    expect(utcDay.nextStart(utc(2025, 6, 3, 23, 59))).toBe(utc(2025, 6, 4));
    expect(utcDay.nextStart(utc(2025, 6, 3) - 1)).toBe(utc(2025, 6, 3));
  });

  it('has 23- and 25-hour days across daylight saving', () => {
    const ny = new TradingDay('America/New_York');
    const spring = ny.startOf(utc(2025, 3, 9, 12));
    expect(ny.nextStart(spring) - spring).toBe(23 * 3_600_000);
    const autumn = ny.startOf(utc(2025, 11, 2, 12));
    expect(ny.nextStart(autumn) - autumn).toBe(25 * 3_600_000);
  });

  it('finds the first instant of a day whose midnight does not exist', () => {
    // Santiago moved clocks from 00:00 to 01:00 on 7 September 2025.
    const scl = new TradingDay('America/Santiago');
    const start = scl.startOf(utc(2025, 9, 7, 12));
    expect(scl.key(start)).toBe('2025-09-07');
    expect(scl.key(start - 1)).toBe('2025-09-06');
  });

  it('refuses an unknown zone', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(() => new TradingDay('Mars/Olympus')).toThrow(/unknown time zone/);
  });
});
