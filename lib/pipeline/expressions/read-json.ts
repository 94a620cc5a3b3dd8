import type { Budget } from './budget';
import { evaluationFailure } from './failure';
import { isList, isRecord } from './values';

/**
 * `#readJson(text)`: JSON text to maps and lists. `__proto__` keys are removed (a caller that later
 * copies the result with Object.assign would otherwise set a prototype), and the result may nest no
 * deeper than other values. No reviver: JSON.parse recurses natively when given one, and a hostile
 * `[[[[…` would overflow the stack.
 */
export function readJson(text: string, budget: Budget): unknown {
  budget.scan(text.length);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw evaluationFailure(`#readJson: the text is not valid JSON (${err instanceof SyntaxError ? err.message : 'parse error'})`);
  }
  sanitize(parsed, budget);
  return parsed;
}

/** Iterative, so depth is checked before anything recurses over the parsed value. */
function sanitize(root: unknown, budget: Budget): void {
  const pending: [unknown, number][] = [[root, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    budget.checkDepth(depth);
    budget.visit();
    if (isList(value)) {
      for (const item of value) pending.push([item, depth + 1]);
    } else if (isRecord(value)) {
      // The object was just created by JSON.parse, so removing the own key mutates nothing of the caller's.
      Reflect.deleteProperty(value, '__proto__');
      for (const item of Object.values(value)) pending.push([item, depth + 1]);
    }
  }
}
