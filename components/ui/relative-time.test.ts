import { describe, expect, it } from 'vitest';
import { formatRelative } from './relative-time';

describe('formatRelative', () => {
  const now = Date.UTC(2026, 10, 27, 12, 0, 0);
  it.each([
    [now - 3_000, 'just now'],
    [now - 90_000, '2 minutes ago'],
    [now - 3 * 3_600_000, '3 hours ago'],
    [now - 86_400_000, 'yesterday'],
    [now + 5 * 60_000, 'in 5 minutes'],
  ])('formats %d as %s', (at, expected) => {
    expect(formatRelative(at, now)).toBe(expected);
  });
});
