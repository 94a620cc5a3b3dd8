/**
 * A config value that still holds a SpEL template (`${…}`), as saved before a run evaluates it.
 * The template-literal type keeps expressions apart from enum literals, so a field typed
 * `'GET' | 'POST' | Expression` still narrows.
 */
export type Expression = `${string}\${${string}}${string}`;

const TEMPLATE = /\$\{[\s\S]*\}/;

export function isExpression(value: unknown): value is Expression {
  return typeof value === 'string' && TEMPLATE.test(value);
}

/** True when a string has a `${` at all, closed or not (an unclosed one is still meant as an expression). */
export function mentionsExpression(value: string): boolean {
  return value.includes('${');
}
