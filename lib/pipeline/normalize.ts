import { formatPath } from '../errors';
import type { ValidationIssue } from './issues';

/** The graph part of a stage as found in stored or imported JSON (numbers and nulls included). */
export interface RawGraphStage {
  refId?: string | number | null;
  requisiteStageRefIds?: readonly (string | number)[] | null;
}

export type WithGraph<S> = S & { refId: string; requisiteStageRefIds: string[] };

type StageOf<P extends { stages?: readonly RawGraphStage[] | null }> = NonNullable<P['stages']>[number];

/** P with its stages normalised (a homomorphic map keeps P's other keys, optionality and index signature). */
export type WithNormalizedStages<P extends { stages?: readonly RawGraphStage[] | null }> = {
  [K in keyof P]: K extends 'stages' ? WithGraph<StageOf<P>>[] : P[K];
} & { stages: WithGraph<StageOf<P>>[] };

const hasRefId = (stage: RawGraphStage): boolean => stage.refId !== undefined && stage.refId !== null && String(stage.refId) !== '';

/**
 * Orca's DAG normalisation: refIds and requisites become strings (compared as strings), absent
 * requisites become []. When no stage has a refId the pipeline is linear, as Orca runs it: refIds
 * "0", "1", … each requiring the previous. When only some lack one, `onMissingRefId` hears which.
 */
export function normalizeStages<S extends RawGraphStage>(stages: readonly S[], onMissingRefId?: (index: number) => void): WithGraph<S>[] {
  if (stages.length > 0 && !stages.some(hasRefId)) {
    return stages.map((stage, i) => ({ ...stage, refId: String(i), requisiteStageRefIds: i === 0 ? [] : [String(i - 1)] }));
  }
  return stages.map((stage, i) => {
    if (!hasRefId(stage)) onMissingRefId?.(i);
    return {
      ...stage,
      refId: hasRefId(stage) ? String(stage.refId) : '',
      requisiteStageRefIds: (stage.requisiteStageRefIds ?? []).map(String),
    };
  });
}

export const missingRefIdMessage = 'has no refId, but other stages do: give every stage a refId (or none, for a linear pipeline)';

/** normalizeStages for a whole pipeline object; other keys are kept as they are. */
export function normalizePipeline<P extends { stages?: readonly RawGraphStage[] | null }>(pipeline: P): { pipeline: WithNormalizedStages<P>; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const stages: WithGraph<StageOf<P>>[] = normalizeStages(pipeline.stages ?? [], (i) =>
    issues.push({ path: formatPath(['stages', i, 'refId']), message: missingRefIdMessage, severity: 'error' }),
  );
  // A spread of a generic type is typed as an intersection; replacing one key is exactly the mapped type.
  return { pipeline: { ...pipeline, stages } as WithNormalizedStages<P>, issues };
}
