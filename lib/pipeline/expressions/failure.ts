import type { EvaluationIssueKind } from './types';

/**
 * Thrown inside the parser and interpreter and always caught at the public API, where it becomes an
 * issue. Offsets are relative to the expression source (syntax failures only).
 */
export class ExpressionFailure extends Error {
  constructor(
    message: string,
    readonly kind: Exclude<EvaluationIssueKind, 'internal'>,
    readonly offset = 0,
    readonly length = 0,
  ) {
    super(message);
    this.name = 'ExpressionFailure';
  }
}

export function syntaxFailure(message: string, offset: number, length = 1): ExpressionFailure {
  return new ExpressionFailure(message, 'syntax', offset, Math.max(length, 0));
}

export function evaluationFailure(message: string): ExpressionFailure {
  return new ExpressionFailure(message, 'error');
}

export function limitFailure(message: string): ExpressionFailure {
  return new ExpressionFailure(message, 'limit');
}

/** Quotes user text for a message, shortened so a huge input never ends up in a log line. */
export function quote(text: string, max = 60): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return `'${shown}'`;
}
