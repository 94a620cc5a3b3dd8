import { evaluateString } from './evaluate-template';
import { addIssue, createRun, reportFailure, type Run } from './run';
import type { EvaluationIssue, ExpressionContext } from './types';

/**
 * `stageEnabled.expression` and similar conditions. Deck stores them without `${}`, but people also
 * write them with it, so both forms are accepted. Like Orca, the result must be a boolean or the text
 * "true"/"false" (any case). On any failure `value` is false and `issue` says why; whether that
 * skips or fails the stage is the caller's decision.
 */
export function evaluateCondition(expression: string, ctx: ExpressionContext): { value: boolean; issue?: EvaluationIssue } {
  let run: Run | undefined;
  const template = typeof expression === 'string' && expression.includes('${') ? expression : `\${${String(expression ?? '')}}`;
  try {
    run = createRun(ctx);
    const result = evaluateString(template, run, '');
    const firstIssue = run.issues[0];
    if (firstIssue) return { value: false, issue: firstIssue };
    if (typeof result === 'boolean') return { value: result };
    const word = typeof result === 'string' ? result.trim().toLowerCase() : undefined;
    if (word === 'true' || word === 'false') return { value: word === 'true' };
    addIssue(run, { path: '', expression: template, kind: 'error', message: `the condition must be true or false, but evaluated to ${describe(result)}` });
    return { value: false, issue: run.issues[0] };
  } catch (err) {
    if (!run) return { value: false, issue: { path: '', expression: template, kind: 'internal', message: 'the evaluation context is not usable' } };
    reportFailure(run, '', template, err);
    return { value: false, issue: run.issues[0] };
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 60 ? `the text '${value.slice(0, 60)}…'` : `the text '${value}'`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a map';
  return String(value);
}
