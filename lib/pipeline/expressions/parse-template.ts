import type { Node } from './ast';
import { ExpressionFailure } from './failure';
import { parseExpression } from './parser';
import { scanTemplate } from './template';
import { type ExpressionLimits, resolveLimits, type SyntaxIssue } from './types';

export type ParsedPart =
  | { kind: 'text'; text: string }
  | { kind: 'expression'; raw: string; source: string; start: number; ast: Node }
  | { kind: 'expression'; raw: string; source: string; start: number; error: SyntaxIssue };

export type ParsedTemplate =
  | { ok: true; parts: ParsedPart[] }
  /** The template itself is broken (unclosed `${`, unbalanced brackets): the whole string stays as written. */
  | { ok: false; error: SyntaxIssue; fragment: string };

/**
 * Scans and parses every expression in a template. Evaluation and `checkTemplateSyntax` share this
 * function, so the editor reports a syntax problem exactly when evaluation would.
 */
export function parseTemplate(template: string, limits: Pick<ExpressionLimits, 'maxDepth' | 'maxInputChars'>): ParsedTemplate {
  const scan = scanTemplate(template, limits.maxInputChars);
  if (!scan.ok) {
    const { offset, length, message, fragmentStart } = scan.error;
    return { ok: false, error: { offset, length, message }, fragment: template.slice(fragmentStart) };
  }
  return {
    ok: true,
    parts: scan.parts.map((part): ParsedPart => {
      if (part.kind === 'text') return part;
      const { raw, source, start, sourceStart } = part;
      try {
        return { kind: 'expression', raw, source, start, ast: parseExpression(source, limits) };
      } catch (err) {
        const failure = err instanceof ExpressionFailure && err.kind === 'syntax' ? err : undefined;
        const error: SyntaxIssue = failure
          ? { offset: sourceStart + failure.offset, length: failure.length, message: failure.message }
          : { offset: start, length: raw.length, message: 'the expression is too complex to parse' };
        return { kind: 'expression', raw, source, start, error };
      }
    }),
  };
}

const MAX_SYNTAX_ISSUES = 200;

/**
 * Parse-only validation for editors and pipeline validation: unclosed `${`, bad tokens, unknown
 * functions or methods, refused constructs (`T(...)`, `new`, assignment), nesting and size limits.
 * Returns [] for text without expressions. Never throws.
 */
export function checkTemplateSyntax(template: string, limits?: Partial<ExpressionLimits>): SyntaxIssue[] {
  try {
    if (!template.includes('${')) return [];
    const parsed = parseTemplate(template, resolveLimits(limits));
    if (!parsed.ok) return [parsed.error];
    const issues: SyntaxIssue[] = [];
    for (const part of parsed.parts) {
      if (part.kind === 'expression' && 'error' in part) issues.push(part.error);
      if (issues.length >= MAX_SYNTAX_ISSUES) break;
    }
    return issues;
  } catch {
    return [{ offset: 0, length: 0, message: 'the text could not be checked' }];
  }
}
