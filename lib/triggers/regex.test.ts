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

describe('fullMatch runs author-written patterns on anonymous input in linear time (RE2)', () => {
  it('([a-z0-9]+-?)+ against 10,000 characters answers (a backtracking engine never returns)', () => {
    const value = `${'a'.repeat(MAX_MATCHED_LENGTH - 1)}!`;
    expect(fullMatch('([a-z0-9]+-?)+', value)).toEqual({ matches: false });
    expect(fullMatch('(a|aa)+$', `${'a'.repeat(5_000)}b`)).toEqual({ matches: false });
    expect(fullMatch('([a-z0-9]+-?)+', 'release-2-1')).toEqual({ matches: true });
  });

  it('keeps Java semantics JavaScript lacks: inline flags', () => {
    expect(fullMatch('(?i)main', 'MAIN')).toEqual({ matches: true });
  });

  it('lookaround and back-references (RE2 cannot run them) never match, and say why', () => {
    expect(fullMatch('(?!main$).*', 'feature')).toEqual({ error: expect.stringMatching(/lookahead, lookbehind or back-references, which Foresail's linear-time matcher does not run/) });
    expect(fullMatch('(a)\\1', 'aa')).toEqual({ error: expect.stringMatching(/back-references/) });
  });
});
