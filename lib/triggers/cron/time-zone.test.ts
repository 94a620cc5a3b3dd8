import { describe, expect, it } from 'vitest';
import { isTimeZone, offsetAt, toInstant, toLocal } from './time-zone';

const at = (iso: string) => new Date(iso).getTime();
const local = (year: number, month: number, day: number, hour: number, minute = 0, second = 0) => ({ year, month, day, hour, minute, second });
const instant = (...args: Parameters<typeof local>) => (zone: string) => new Date(toInstant(local(...args), zone)).toISOString();

describe('time zones with Intl', () => {
  it('knows IANA names and UTC, and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('reads wall-clock time and offsets', () => {
    expect(toLocal(at('2024-07-01T22:30:15Z'), 'Europe/Berlin')).toEqual(local(2024, 7, 2, 0, 30, 15));
    expect(toLocal(at('2024-01-01T00:00:00Z'), 'America/New_York')).toEqual(local(2023, 12, 31, 19));
    expect(offsetAt(at('2024-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetAt(at('2024-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(7_200_000);
    expect(offsetAt(at('2024-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(19_800_000);
  });

  it('turns ordinary wall-clock times into their one instant', () => {
    expect(instant(2024, 1, 15, 9)('Europe/Berlin')).toBe('2024-01-15T08:00:00.000Z');
    expect(instant(2024, 7, 15, 9)('America/New_York')).toBe('2024-07-15T13:00:00.000Z');
  });

  it('a skipped wall-clock time becomes the instant the clocks jumped', () => {
    expect(instant(2024, 3, 31, 2, 30)('Europe/Berlin')).toBe('2024-03-31T01:00:00.000Z');
    expect(instant(2024, 3, 31, 2, 0)('Europe/Berlin')).toBe('2024-03-31T01:00:00.000Z');
    expect(instant(2024, 3, 10, 2, 59, 59)('America/New_York')).toBe('2024-03-10T07:00:00.000Z');
    expect(instant(2024, 10, 6, 2, 15)('Australia/Lord_Howe')).toBe('2024-10-05T15:30:00.000Z');
  });

  it('a repeated wall-clock time becomes its first occurrence', () => {
    expect(instant(2024, 10, 27, 2, 30)('Europe/Berlin')).toBe('2024-10-27T00:30:00.000Z');
    expect(instant(2024, 11, 3, 1, 30)('America/New_York')).toBe('2024-11-03T05:30:00.000Z');
    expect(instant(2024, 4, 7, 2, 30)('Australia/Sydney')).toBe('2024-04-06T15:30:00.000Z');
  });
});
