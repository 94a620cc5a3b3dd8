/** Deck's "If stage fails" choices and the three flags each one writes (reference §2.2). */
export const failureOptions = [
  { id: 'halt-pipeline', label: 'Halt the entire pipeline', flags: { failPipeline: true, continuePipeline: false, completeOtherBranchesThenFail: false } },
  { id: 'halt-branch', label: 'Halt this branch of the pipeline', flags: { failPipeline: false, continuePipeline: false, completeOtherBranchesThenFail: false } },
  { id: 'halt-branch-fail', label: 'Halt this branch and fail the pipeline once other branches complete', flags: { failPipeline: false, continuePipeline: false, completeOtherBranchesThenFail: true } },
  { id: 'ignore', label: 'Ignore the failure', flags: { failPipeline: false, continuePipeline: true, completeOtherBranchesThenFail: false } },
] as const;

export type FailureOption = (typeof failureOptions)[number]['id'];

/** Which choice a stage's flags amount to (Orca's defaults when absent); undefined when an expression decides. */
export function failureOptionOf(stage: { failPipeline?: unknown; continuePipeline?: unknown; completeOtherBranchesThenFail?: unknown }): FailureOption | undefined {
  const read = (value: unknown, fallback: boolean) => (value === undefined || value === null ? fallback : value);
  const fail = read(stage.failPipeline, true);
  const cont = read(stage.continuePipeline, false);
  const rest = read(stage.completeOtherBranchesThenFail, false);
  if (typeof fail !== 'boolean' || typeof cont !== 'boolean' || typeof rest !== 'boolean') return undefined;
  if (fail) return 'halt-pipeline';
  if (cont) return 'ignore';
  return rest ? 'halt-branch-fail' : 'halt-branch';
}
