import { Budget } from './budget';
import { ExpressionFailure } from './failure';
import { type EvaluationIssue, type ExpressionContext, type ExpressionHelpers, type ExpressionLimits, resolveLimits } from './types';
import { isRecord } from './values';

/** State shared by every string evaluated in one API call: one budget, one list of issues. */
export interface Run {
  variables: Record<string, unknown>;
  helpers: ExpressionHelpers;
  limits: ExpressionLimits;
  budget: Budget;
  issues: EvaluationIssue[];
}

const MAX_ISSUES = 200;
const MAX_EXPRESSION_CHARS = 200;

const NO_HELPERS: ExpressionHelpers = { stage: () => undefined };

export function createRun(ctx: ExpressionContext): Run {
  const limits = resolveLimits(ctx.limits);
  return {
    variables: isRecord(ctx.variables) ? ctx.variables : {},
    helpers: ctx.helpers ?? NO_HELPERS,
    limits,
    budget: new Budget(limits),
    issues: [],
  };
}

export function addIssue(run: Run, issue: Required<EvaluationIssue>): void {
  const expression = issue.expression.length > MAX_EXPRESSION_CHARS ? `${issue.expression.slice(0, MAX_EXPRESSION_CHARS)}…` : issue.expression;
  if (run.issues.length < MAX_ISSUES) run.issues.push({ ...issue, expression });
  else if (run.issues.length === MAX_ISSUES) {
    run.issues.push({ path: issue.path, expression: '', kind: issue.kind, message: `more than ${MAX_ISSUES} issues; the rest are not listed` });
  }
}

/** Turns anything thrown while evaluating into an issue; nothing is rethrown to the caller. */
export function reportFailure(run: Run, path: string, expression: string, err: unknown): void {
  if (err instanceof ExpressionFailure) {
    const message = err.kind === 'limit' && run.budget.isExhausted ? `${err.message}; later expressions were left unchanged` : err.message;
    addIssue(run, { path, expression, message, kind: err.kind });
  } else if (err instanceof RangeError) {
    addIssue(run, { path, expression, kind: 'limit', message: 'the expression needs more memory or nesting than allowed' });
  } else {
    addIssue(run, { path, expression, kind: 'internal', message: 'the expression could not be evaluated because of an internal error' });
  }
}
