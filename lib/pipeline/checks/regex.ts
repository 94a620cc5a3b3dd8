import { isExpression } from '../schema/expression';

/**
 * Why a regex from config would not compile, or undefined when it does. Spinnaker's are Java
 * regexes; the common subset behaves the same in JavaScript, which is what Foresail matches with.
 */
export function regexError(pattern: string): string | undefined {
  if (isExpression(pattern)) return undefined;
  try {
    new RegExp(pattern);
    return undefined;
  } catch (err) {
    // V8 says "Invalid regular expression: /release/(/: Unterminated group"; keep the reason.
    const detail = err instanceof Error ? err.message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '') : String(err);
    return `is not a valid regular expression (${detail})`;
  }
}
