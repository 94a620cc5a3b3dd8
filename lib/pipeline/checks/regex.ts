import { RE2JS } from 're2js';
import { isExpression } from '../schema/expression';

/**
 * Regexes from pipeline config (branch, tag, payload constraints, matchArtifact fields) are matched
 * against what anonymous webhook senders send, so they run on RE2 (the `re2js` port: pure
 * JavaScript, linear time in the input, no backtracking), never on a backtracking engine where
 * `([a-z0-9]+-?)+` against 10,000 characters would never return. A time budget was the other
 * option; it still burns a CPU per request up to the budget and needs a worker thread, where RE2
 * costs nothing and gives the same answer every time.
 *
 * Semantics are Java's `Pattern.matches` (whole value) as in Spinnaker, and RE2 is closer to Java
 * than JavaScript is for the patterns people write: inline flags such as `(?i)` work, `\d`/`\w` are
 * ASCII. What RE2 lacks is lookaround and back-references (Java has them): such a pattern is kept
 * and saved with a warning, and never matches until it is rewritten.
 */

export type CompiledRegex = { regex: RE2JS } | { error: string };

const UNSUPPORTED = 'uses lookahead, lookbehind or back-references, which Foresail\'s linear-time matcher does not run (it protects against patterns that take forever on hostile input); it never matches until rewritten without (?=, (?!, (?<=, (?<! or \\1';

/** Why a pattern V8 cannot compile is invalid, in V8's words ("Unterminated group"), else RE2's. */
function invalidReason(pattern: string, re2Message: string): string {
  try {
    new RegExp(pattern);
  } catch (err) {
    return err instanceof Error ? err.message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '') : String(err);
  }
  return re2Message.replace(/^error parsing regexp: /, '');
}

/** The pattern compiled for whole-value matching, or why it cannot be (starting with "is …" / "uses …"). */
export function compileRegex(pattern: string): CompiledRegex | { error: string; unsupported: true } {
  try {
    return { regex: RE2JS.compile(pattern) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    let validInJava = true;
    try {
      new RegExp(pattern);
    } catch {
      validInJava = false;
    }
    if (validInJava && /(\(\?<?[=!])|\\[1-9]|\\k</.test(pattern)) return { error: UNSUPPORTED, unsupported: true };
    return { error: `is not a valid regular expression (${invalidReason(pattern, message)})` };
  }
}

/** What saving a pattern from config should say: invalid is an error; valid but not runnable here, a warning. */
export function regexIssue(pattern: string): { message: string; severity: 'error' | 'warning' } | undefined {
  if (isExpression(pattern)) return undefined;
  const compiled = compileRegex(pattern);
  if ('regex' in compiled) return undefined;
  return { message: compiled.error, severity: 'unsupported' in compiled ? 'warning' : 'error' };
}
