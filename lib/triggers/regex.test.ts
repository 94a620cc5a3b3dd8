import { describe, expect, it } from 'vitest';
import { fullMatch, fullyMatches, MAX_MATCHED_LENGTH } from './regex';

describe('fullMatch', () => {
  it('matches the whole value, as Java Pattern.matches does', () => {
    expect(fullyMatches('main', 'main')).toBe(true);
    expect(fullyMatches('main', 'main-old')).toBe(false);
    expect(fullyMatches('main', 'not-main')).toBe(false);
    expect(fullyMatches('release/.*', 'release/1.0')).toBe(true);
    expect(fullyMatches('^main$', 'main')).toBe(true);
    expect(fullyMatches('a|b', 'ab')).toBe(false);
    expect(fullyMatches('a|b', 'b')).toBe(true);
  });
  it('reports invalid patterns, which never match', () => {
    expect(fullMatch('(', 'x')).toEqual({ error: expect.stringMatching(/^"\(" is not a valid regular expression \(/) });
    expect(fullyMatches('(', '(')).toBe(false);
  });
  it('does not match values longer than the cap (backtracking bound)', () => {
    expect(fullMatch('.*', 'x'.repeat(MAX_MATCHED_LENGTH + 1))).toEqual({ matches: false });
    expect(fullMatch('.*', 'x'.repeat(MAX_MATCHED_LENGTH))).toEqual({ matches: true });
  });
});
