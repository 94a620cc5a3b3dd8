/**
 * Which running stages a person may skip. A skipped stage counts as done, so the stages after it
 * run: skipping a manual judgment or a canary analysis would deploy without the decision they
 * exist for. Orca's rule (StageDefinitionBuilder.canManuallySkip): no stage may be skipped unless
 * its type allows it, and only the `pipeline` stage does, when its config says `skippable: true`
 * (orca-front50 PipelineStage). Isomorphic: the server refuses and the UI hides Skip by this one rule.
 */

/** Stage types that may be skipped by hand, and when. */
export const manuallySkippableTypes: Readonly<Record<string, (context: Record<string, unknown>) => boolean>> = {
  pipeline: (context) => context.skippable === true || context.skippable === 'true',
};

const judgmentTypes = new Set(['manualJudgment']);
const canaryTypes = new Set(['kayentaCanary', 'canaryRelease', 'canaryAnalysis']);

export interface SkippableStage {
  type: string;
  name: string;
  context: Record<string, unknown>;
}

/** Why this stage may not be skipped, in plain words; undefined when it may. */
export function manualSkipRefusal(stage: SkippableStage): string | undefined {
  const allows = Object.hasOwn(manuallySkippableTypes, stage.type) ? manuallySkippableTypes[stage.type] : undefined;
  if (allows?.(stage.context)) return undefined;
  if (judgmentTypes.has(stage.type)) return `${stage.name} is a manual judgment: it cannot be skipped, only judged (Continue or Stop) by someone allowed to judge it.`;
  if (canaryTypes.has(stage.type)) return `${stage.name} is a canary analysis: its result decides whether the release goes ahead, so it cannot be skipped. Cancel the execution to stop it.`;
  if (allows) return `${stage.name} runs another pipeline and is not marked skippable; set "skippable": true on the stage to allow skipping it.`;
  return `${stage.name} cannot be skipped: only pipeline stages marked skippable can be (as in Spinnaker). Cancel the execution to stop it.`;
}
