import { z } from 'zod';
import { scopeReport, type Report } from '../../issues';
import { commonStageFields } from '../common';
import { configKit, opt, runKit, text, type FieldKit } from '../fields';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('checkPreconditions'),
    preconditions: opt(
      z.array(
        z.looseObject({
          /** expression, stageStatus or clusterSize. */
          type: text(),
          context: opt(z.record(z.string(), z.unknown())),
          failPipeline: k.optionalBoolean(),
        }),
      ),
    ),
  };
}

/** Fails (or halts the branch) unless every precondition holds. */
export const checkPreconditionsStageSchema = z.looseObject(fields(configKit));
export const checkPreconditionsRunSchema = z.looseObject(fields(runKit));
export type CheckPreconditionsStage = z.infer<typeof checkPreconditionsStageSchema>;

const REQUIRED_CONTEXT: Record<string, readonly string[]> = {
  expression: ['expression'],
  stageStatus: ['stageName', 'stageStatus'],
  clusterSize: ['credentials', 'cluster', 'expected'],
};

export function checkCheckPreconditions(stage: CheckPreconditionsStage, report: Report): void {
  if (!stage.preconditions?.length) {
    report(['preconditions'], 'has no preconditions, so it always passes', 'warning');
    return;
  }
  stage.preconditions.forEach((precondition, i) => {
    const at = scopeReport(report, ['preconditions', i]);
    const required = REQUIRED_CONTEXT[precondition.type];
    if (!required) {
      at(['type'], `"${precondition.type}" is not a precondition type Foresail checks (expression, stageStatus, clusterSize)`);
      return;
    }
    for (const key of required) {
      const value = precondition.context?.[key];
      if (value === undefined || value === null || value === '') at(['context', key], `is required for ${precondition.type} preconditions`);
    }
  });
}
