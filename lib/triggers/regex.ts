import type { RE2JS } from 're2js';
import { compileRegex } from '../pipeline/checks/regex';

/**
 * Whole-value regex matching, as Spinnaker does with Java's `Pattern.matches` (branch names, docker
 * tags, matchArtifact fields, payload constraints). Patterns come from pipeline config; the values
 * come from anonymous webhook senders, so matching runs on RE2 (linear time, see
 * lib/pipeline/checks/regex) and values are length-capped as well.
 */

/** Longer values never match (no real branch, tag or artifact field comes close). */
export const MAX_MATCHED_LENGTH = 10_000;

const CACHE_LIMIT = 1_000;
const compiled = new Map<string, RE2JS | string>();

/** The compiled pattern, or the reason it cannot be matched (quoted with the pattern). */
function compile(pattern: string): RE2JS | string {
  const hit = compiled.get(pattern);
  if (hit !== undefined) return hit;
  const result = compileRegex(pattern);
  const entry = 'regex' in result ? result.regex : `"${pattern}" ${result.error}`;
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(pattern, entry);
  return entry;
}

export type FullMatch = { matches: boolean } | { error: string };

/** Whether `pattern` matches all of `value`; a pattern that cannot run is an error, never a match. */
export function fullMatch(pattern: string, value: string): FullMatch {
  const regex = compile(pattern);
  if (typeof regex === 'string') return { error: regex };
  if (value.length > MAX_MATCHED_LENGTH) return { matches: false };
  return { matches: regex.matches(value) };
}

/** fullMatch for callers that treat an invalid pattern as "no match". */
export function fullyMatches(pattern: string, value: string): boolean {
  const result = fullMatch(pattern, value);
  return 'matches' in result && result.matches;
}
