/**
 * Whole-value regex matching, as Spinnaker does with Java's `Pattern.matches` (branch names, docker
 * tags, matchArtifact fields, payload constraints). Patterns come from pipeline config; the values
 * come from webhook senders, so values are length-capped: a pathological pattern cannot be made to
 * backtrack over megabytes of attacker-chosen text.
 */

/** Longer values never match (no real branch, tag or artifact field comes close). */
export const MAX_MATCHED_LENGTH = 10_000;

const CACHE_LIMIT = 1_000;
const compiled = new Map<string, RegExp | string>();

/** The anchored regex, or the reason it does not compile. */
function compile(pattern: string): RegExp | string {
  const hit = compiled.get(pattern);
  if (hit !== undefined) return hit;
  let result: RegExp | string;
  try {
    // Non-capturing group so alternations stay anchored: "a|b" must not match "ab".
    result = new RegExp(`^(?:${pattern})$`);
  } catch (err) {
    const detail = err instanceof Error ? err.message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '') : String(err);
    result = `"${pattern}" is not a valid regular expression (${detail})`;
  }
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(pattern, result);
  return result;
}

export type FullMatch = { matches: boolean } | { error: string };

/** Whether `pattern` matches all of `value`; an invalid pattern is an error, never a match. */
export function fullMatch(pattern: string, value: string): FullMatch {
  const regex = compile(pattern);
  if (typeof regex === 'string') return { error: regex };
  if (value.length > MAX_MATCHED_LENGTH) return { matches: false };
  return { matches: regex.test(value) };
}

/** fullMatch for callers that treat an invalid pattern as "no match". */
export function fullyMatches(pattern: string, value: string): boolean {
  const result = fullMatch(pattern, value);
  return 'matches' in result && result.matches;
}
