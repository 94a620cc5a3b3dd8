import { z } from 'zod';
import { expectedArtifactSchema, type ExpectedArtifact } from '../artifacts';
import { commonStageFields } from '../common';
import { configKit, opt, runKit, text, type FieldKit } from '../fields';

/**
 * Orca's FindArtifactFromExecutionContext: the artifacts bound in the last execution of another
 * pipeline. `executionOptions` picks which executions count ("successful" is what Deck writes;
 * Orca also reads "succeeded"). Older configs hold one `expectedArtifact`; newer ones a list.
 * Not registered as a stage type yet (no handler): import uses it to know what the stage produces.
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

/** What the stage binds: its list when it has one (Orca prefers it), else its single artifact. */
export function artifactsFoundFromExecution(stage: unknown): ExpectedArtifact[] {
  const parsed = z.looseObject({ expectedArtifact: opt(expectedArtifactSchema), expectedArtifacts: opt(z.array(expectedArtifactSchema)) }).safeParse(stage);
  if (!parsed.success) return [];
  return parsed.data.expectedArtifacts ?? (parsed.data.expectedArtifact ? [parsed.data.expectedArtifact] : []);
}
