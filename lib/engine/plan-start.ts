import type { ExecutionRow, StageRow } from '../db/engine/rows';
import { isKnownStageType, parseStageForRun } from '../pipeline';
import { evaluateCondition, evaluateObject, type EvaluationIssue } from '../pipeline/expressions';
import { expressionScope } from './expression-scope';

export type StartPlan =
  | { kind: 'skip'; reason: string }
  | { kind: 'fail'; reason: string; details?: string[]; context: Record<string, unknown> }
  | { kind: 'run'; context: Record<string, unknown> };

// Runtime keys the engine writes; never re-evaluated.
const runtimeKeys = new Set(['expressionEvaluationSummary', 'restartDetails', 'exception', 'judgmentStatus', 'judgmentInput', 'lastModifiedBy', 'skipRemainingWait', 'stageEnabled']);

/** Orca's summary shape: expression → [{description, level, timestamp}]. */
function summaryOf(issues: EvaluationIssue[], now: number): Record<string, { description: string; level: string; timestamp: number }[]> {
  const out: Record<string, { description: string; level: string; timestamp: number }[]> = {};
  for (const issue of issues) (out[issue.expression] ??= []).push({ description: `${issue.path ? `${issue.path}: ` : ''}${issue.message}`, level: issue.kind === 'not-found' ? 'INFO' : 'ERROR', timestamp: now });
  return out;
}

/**
 * What happens when a stage starts (Orca's StartStage, planning part): unknown types fail,
 * `stageEnabled` false skips, the context's expressions are evaluated now (not at trigger time)
 * and the result must be a valid run config for the stage type.
 */
export function planStageStart(execution: ExecutionRow, stages: StageRow[], stage: StageRow, pipelineIds: Map<string, string>, now: number): StartPlan {
  const context = stage.context;
  if (!isKnownStageType(stage.type)) {
    return { kind: 'fail', reason: `Foresail cannot run stages of type "${stage.type}" (kept from an imported pipeline). Replace it with a supported stage type or remove it.`, context };
  }
  const scope = expressionScope(execution, stages, stage, pipelineIds);
  const enabled = context.stageEnabled as { expression?: unknown } | undefined;
  if (typeof enabled?.expression === 'string' && enabled.expression.trim() !== '') {
    const condition = evaluateCondition(enabled.expression, scope);
    if (condition.issue) {
      return { kind: 'fail', reason: `The stage's condition could not be evaluated, so it was not run: ${condition.issue.message}`, details: [enabled.expression], context };
    }
    if (!condition.value) return { kind: 'skip', reason: `Skipped: its condition "${enabled.expression}" was false` };
  }
  const skipEvaluation = context.skipExpressionEvaluation === true;
  const { value, summary } = skipEvaluation
    ? { value: context, summary: [] as EvaluationIssue[] }
    : evaluateObject(context, scope, { skipKeys: (path) => runtimeKeys.has(path.split(/[.[]/)[0] ?? '') });
  const evaluated: Record<string, unknown> = { ...value };
  if (summary.length > 0) evaluated.expressionEvaluationSummary = summaryOf(summary, now);
  if (summary.length > 0 && context.failOnFailedExpressions === true) {
    return { kind: 'fail', reason: `${summary.length} expression(s) could not be evaluated and the stage is set to fail on failed expressions: ${summary[0]?.message ?? ''}`, details: summary.map((i) => `${i.expression}: ${i.message}`), context: evaluated };
  }
  const parsed = parseStageForRun({ ...evaluated, type: stage.type, refId: stage.refId, name: stage.name, requisiteStageRefIds: stage.requisiteStageRefIds });
  if (!parsed.ok) {
    const first = parsed.issues[0];
    const unevaluated = summary.length > 0 ? ' (some expressions could not be evaluated and were left as text; see the evaluation summary)' : '';
    return { kind: 'fail', reason: `The stage's settings are not valid${unevaluated}: ${first ? `${first.path}: ${first.message}` : 'invalid'}`, details: parsed.issues.map((i) => `${i.path}: ${i.message}`), context: evaluated };
  }
  return { kind: 'run', context: evaluated };
}
