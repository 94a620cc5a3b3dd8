import { z } from 'zod';
import type { Report } from '../../issues';
import { commonStageFields } from '../common';
import { configKit, opt, runKit, stringListSchema, type FieldKit } from '../fields';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('manualJudgment'),
    /** Shown to the judge; HTML or markdown. */
    instructions: opt(z.string()),
    judgmentInputs: opt(z.array(z.looseObject({ value: z.union([z.string(), z.number()]).transform(String) }))),
    /** Who may judge; requiredJudgmentRoles is the older name. */
    selectedStageRoles: opt(stringListSchema),
    requiredJudgmentRoles: opt(stringListSchema),
    /** Later stages run as the judge. */
    propagateAuthenticationContext: k.optionalBoolean(),
  };
}

/** Waits for a person to continue or stop the pipeline (the stage timeout fails it). */
export const manualJudgmentStageSchema = z.looseObject(fields(configKit));
export const manualJudgmentRunSchema = z.looseObject(fields(runKit));
export type ManualJudgmentStage = z.infer<typeof manualJudgmentStageSchema>;

const JUDGMENT_EVENTS = new Set(['manualJudgment', 'manualJudgmentContinue', 'manualJudgmentStop', 'stage.starting', 'stage.complete', 'stage.failed']);

export function checkManualJudgment(stage: ManualJudgmentStage, report: Report): void {
  const seen = new Set<string>();
  stage.judgmentInputs?.forEach((input, i) => {
    if (input.value.trim() === '') report(['judgmentInputs', i, 'value'], 'judgment options must not be empty');
    else if (seen.has(input.value)) report(['judgmentInputs', i, 'value'], `"${input.value}" is listed twice`, 'warning');
    seen.add(input.value);
  });
  stage.notifications?.forEach((notification, i) => {
    notification.when?.forEach((event, j) => {
      if (!JUDGMENT_EVENTS.has(event)) report(['notifications', i, 'when', j], `"${event}" is not a manual judgment notification event`, 'warning');
    });
  });
}
