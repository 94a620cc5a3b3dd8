import { describe, expect, it } from 'vitest';
import { elapsedMs, formatDuration } from './duration';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [45_900, '45s'],
    [90_000, '1m 30s'],
    [7_200_000, '2h 0m'],
    [7_260_999, '2h 1m'],
    [3 * 86_400_000 + 4 * 3_600_000, '3d 4h'],
    [-5, '0s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  // The engine's timeout messages used a copy that rounded to the nearest second and never said days.
  it.each([
    [59_600, '59s'],
    [3_599_500, '59m 59s'],
    [2 * 86_400_000, '2d 0h'],
  ])('rounds down and counts days, as every page does: %d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('elapsedMs', () => {
  it('measures to the end, or to now while running; null before the start', () => {
    expect(elapsedMs(1_000, 6_000, 10_000)).toBe(5_000);
    expect(elapsedMs(6_000, null, 10_000)).toBe(4_000);
    expect(elapsedMs(null, null, 10_000)).toBeNull();
  });

  it('never reports negative durations when clocks disagree', () => {
    expect(elapsedMs(5_000, null, 4_000)).toBe(0);
  });
});
