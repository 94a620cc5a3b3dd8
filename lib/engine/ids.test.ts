import { describe, expect, it } from 'vitest';
import { monotonicUlid, ulid, ulidAt } from './ids';

const crockford = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('ulid', () => {
  it('sorts ids made in quick succession (many in one millisecond) in creation order', () => {
    const ids = Array.from({ length: 2000 }, () => ulid());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(crockford);
  });
});

describe('monotonicUlid', () => {
  it('increments within one millisecond and keeps order when the clock steps back', () => {
    let now = 1_700_000_000_000;
    const next = monotonicUlid(() => now);
    const a = next();
    const b = next();
    now -= 5_000;
    const c = next();
    now += 10_000;
    const d = next();
    expect([a, b, c, d]).toEqual([...[a, b, c, d]].sort());
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect(c.slice(0, 10)).toBe(a.slice(0, 10));
    expect(d.slice(0, 10)).toBe(ulidAt(now).slice(0, 10));
  });
});

describe('ulidAt', () => {
  it('starts with the given time, so a later millisecond sorts after', () => {
    expect(ulidAt(1_700_000_000_001) > ulidAt(1_700_000_000_000)).toBe(true);
    expect(ulidAt(0)).toMatch(crockford);
    expect(ulidAt(0).slice(0, 10)).toBe('0000000000');
  });
});
