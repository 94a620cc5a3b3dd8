import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [90_000, '1m 30s'],
    [7_200_000, '2h 0m'],
    [7_260_999, '2h 1m'],
    [3 * 86_400_000 + 4 * 3_600_000, '3d 4h'],
    [-5, '0s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
