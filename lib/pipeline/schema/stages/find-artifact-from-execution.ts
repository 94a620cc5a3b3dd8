import { z } from 'zod';
import { requireText } from '../../checks/required';
import type { Report } from '../../issues';
import { expectedArtifactSchema, type ExpectedArtifact } from '../artifacts';
import { commonStageFields } from '../common';
import { isExpression } from '../expression';
import { configKit, opt, runKit, text, type FieldKit } from '../fields';

/**
 * Orca's FindArtifactFromExecutionContext: the artifacts bound in the last execution of another
 * pipeline. `executionOptions` picks which executions count ("successful" is what Deck writes;
 * Orca also reads "succeeded"). Older configs hold one `expectedArtifact`; newer ones a list.
 */
function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('findArtifactFromExecution'),
    application: text(),
    /** The other pipeline's config id. */
    pipeline: text(),
    executionOptions: opt(
      z.looseObject({
        successful: k.optionalBoolean(),
        succeeded: k.optionalBoolean(),
        terminal: k.optionalBoolean(),
        running: k.optionalBoolean(),
      }),
    ),
    expectedArtifact: opt(expectedArtifactSchema),
    expectedArtifacts: opt(z.array(expectedArtifactSchema)),
  };
}

export const findArtifactFromExecutionStageSchema = z.looseObject(fields(configKit));
export const findArtifactFromExecutionRunSchema = z.looseObject(fields(runKit));
export type FindArtifactFromExecutionStage = z.infer<typeof findArtifactFromExecutionStageSchema>;
type ExecutionOptions = NonNullable<FindArtifactFromExecutionStage['executionOptions']>;

/** What the stage binds: its list when it has one (Orca prefers it), else its single artifact. */
export function artifactsFoundFromExecution(stage: unknown): ExpectedArtifact[] {
  const parsed = z.looseObject({ expectedArtifact: opt(expectedArtifactSchema), expectedArtifacts: opt(z.array(expectedArtifactSchema)) }).safeParse(stage);
  if (!parsed.success) return [];
  return parsed.data.expectedArtifacts ?? (parsed.data.expectedArtifact ? [parsed.data.expectedArtifact] : []);
}

/**
 * Orca's ExecutionOptions.toStatuses(): the execution statuses that count. With none ticked, Orca
 * would match no execution at all; Deck ticks "successful" by default, so that is assumed instead.
 */
export function statusesOf(options: { [K in keyof ExecutionOptions]?: unknown } | undefined): ('SUCCEEDED' | 'TERMINAL' | 'RUNNING')[] {
  const statuses: ('SUCCEEDED' | 'TERMINAL' | 'RUNNING')[] = [];
  if (options?.successful === true || options?.succeeded === true) statuses.push('SUCCEEDED');
  if (options?.terminal === true) statuses.push('TERMINAL');
  if (options?.running === true) statuses.push('RUNNING');
  return statuses.length ? statuses : ['SUCCEEDED'];
}

export function checkFindArtifactFromExecution(stage: FindArtifactFromExecutionStage, report: Report): void {
  requireText(report, ['application'], stage.application, 'needs the application of the pipeline to look in');
  requireText(report, ['pipeline'], stage.pipeline, 'needs the pipeline (its id) whose last execution holds the artifacts');
  if (artifactsFoundFromExecution(stage).length === 0) report(['expectedArtifact'], 'needs the artifact to find (an expected artifact with a matchArtifact)');
  const options = stage.executionOptions;
  const ticked = options && [options.successful, options.succeeded, options.terminal, options.running].some((v) => v === true || (typeof v === 'string' && isExpression(v)));
  if (options && !ticked) report(['executionOptions'], 'ticks no execution status: only successful executions are searched', 'warning');
}
