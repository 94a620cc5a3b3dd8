/**
 * Lookups behind Orca's `#` helper functions. The engine implements them over the running execution;
 * the editor may pass stubs. Everything they return must be plain JSON-like data.
 */
export interface ExpressionHelpers {
  /** `#stage('Deploy')`: the stage object `{ id, refId, name, type, status, context, outputs, ... }`, by name or id. */
  stage(nameOrId: string): Record<string, unknown> | undefined;
  stageByRefId?(refId: string): Record<string, unknown> | undefined;
  /** `#judgment` / `#judgement`: the input chosen in that manual judgment stage. */
  judgment?(stageName: string): string | undefined;
  /** `#pipelineId`, `#pipelineIdOrNull`: a pipeline of the same application, by name. */
  pipelineId?(name: string): string | undefined;
  triggerResolvedArtifact?(name: string): Record<string, unknown> | undefined;
  triggerResolvedArtifactByType?(type: string): Record<string, unknown> | undefined;
  currentUser?(): string | undefined;
}

/**
 * Bounds on the work one call may do. The step and output budgets are shared by every expression in
 * one `evaluateTemplate` / `evaluateObject` / `evaluateCondition` call, so many small expressions
 * cannot add up to unbounded work.
 */
export interface ExpressionLimits {
  /** Evaluation steps: one per syntax-tree node visited, per collection element, per ~1 KB of text scanned. */
  maxSteps: number;
  /** Nesting of an expression's syntax tree, and of values walked while converting, comparing or copying. */
  maxDepth: number;
  /** Characters of text that expressions may produce (each string built, and the total per call). */
  maxOutputChars: number;
  /** Characters in one `${…}` expression. */
  maxInputChars: number;
}

export const DEFAULT_EXPRESSION_LIMITS: Readonly<ExpressionLimits> = Object.freeze({
  maxSteps: 20_000,
  maxDepth: 64,
  maxOutputChars: 1_000_000,
  maxInputChars: 16_384,
});

export interface ExpressionContext {
  /** Root variables: trigger, parameters, execution, scmInfo, deployedServerGroups, upstream outputs, the stage's own context keys. */
  variables: Record<string, unknown>;
  helpers: ExpressionHelpers;
  limits?: Partial<ExpressionLimits>;
}

/**
 * `syntax`: the text cannot be parsed (also what `checkTemplateSyntax` reports); `not-found`: the
 * expression evaluated to null, Orca's INFO level; `error`: evaluation failed; `limit`: a bound in
 * ExpressionLimits was reached; `internal`: a bug in the evaluator (never expected).
 */
export type EvaluationIssueKind = 'syntax' | 'not-found' | 'error' | 'limit' | 'internal';

export interface EvaluationIssue {
  /** Where the string sits in the evaluated object, e.g. `stages[0].context.replicas`; empty for a lone template. */
  path: string;
  /** The `${…}` text as written (shortened when very long). */
  expression: string;
  message: string;
  /** Always set by this module; optional so callers can add issues of their own. */
  kind?: EvaluationIssueKind;
}

export interface SyntaxIssue {
  /** Offset in the template string, in UTF-16 code units. */
  offset: number;
  length: number;
  message: string;
}

/** Fills in defaults and ignores values that are not positive finite numbers. */
export function resolveLimits(partial: Partial<ExpressionLimits> | undefined): ExpressionLimits {
  const pick = (key: keyof ExpressionLimits): number => {
    const value = partial?.[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : DEFAULT_EXPRESSION_LIMITS[key];
  };
  return { maxSteps: pick('maxSteps'), maxDepth: pick('maxDepth'), maxOutputChars: pick('maxOutputChars'), maxInputChars: pick('maxInputChars') };
}
