import { z } from 'zod';
import { requireText } from '../../checks/required';
import type { Report } from '../../issues';
import { commonStageFields } from '../common';
import { configKit, opt, runKit, text, type FieldKit } from '../fields';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('pipeline'),
    application: text(),
    /** The child pipeline's config id (not its name). */
    pipeline: text(),
    /** Parameter values for the child; values may be SpEL. */
    pipelineParameters: opt(z.record(z.string(), z.unknown())),
    /** Default true: the stage ends when the child execution does. */
    waitForCompletion: k.optionalBoolean(),
  };
}

/** Starts another pipeline (a child execution with a `pipeline` trigger). */
export const pipelineStageSchema = z.looseObject(fields(configKit));
export const pipelineRunSchema = z.looseObject(fields(runKit));
export type PipelineStage = z.infer<typeof pipelineStageSchema>;

export function checkPipelineStage(stage: PipelineStage, report: Report): void {
  requireText(report, ['application'], stage.application, 'needs the application of the pipeline to run');
  requireText(report, ['pipeline'], stage.pipeline, 'needs the id of the pipeline to run');
}
