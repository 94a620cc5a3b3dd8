import type { z } from 'zod';
import { bakeManifestRunSchema, bakeManifestStageSchema } from './bake-manifest';
import { canaryReleaseRunSchema, canaryReleaseStageSchema } from './canary-release';
import { checkPreconditionsRunSchema, checkPreconditionsStageSchema } from './check-preconditions';
import { deleteManifestRunSchema, deleteManifestStageSchema } from './delete-manifest';
import { deployManifestRunSchema, deployManifestStageSchema } from './deploy-manifest';
import { disableManifestRunSchema, disableManifestStageSchema, enableManifestRunSchema, enableManifestStageSchema } from './enable-disable-manifest';
import { evaluateVariablesRunSchema, evaluateVariablesStageSchema } from './evaluate-variables';
import { findArtifactFromExecutionRunSchema, findArtifactFromExecutionStageSchema } from './find-artifact-from-execution';
import { findArtifactsFromResourceRunSchema, findArtifactsFromResourceStageSchema } from './find-artifacts-from-resource';
import { kayentaCanaryRunSchema, kayentaCanaryStageSchema } from './kayenta-canary';
import { manualJudgmentRunSchema, manualJudgmentStageSchema } from './manual-judgment';
import { patchManifestRunSchema, patchManifestStageSchema } from './patch-manifest';
import { pipelineRunSchema, pipelineStageSchema } from './pipeline';
import { rollingRestartManifestRunSchema, rollingRestartManifestStageSchema } from './rolling-restart-manifest';
import { runJobManifestRunSchema, runJobManifestStageSchema } from './run-job-manifest';
import { scaleManifestRunSchema, scaleManifestStageSchema } from './scale-manifest';
import { trafficSplitRunSchema, trafficSplitStageSchema } from './traffic-split';
import { undoRolloutManifestRunSchema, undoRolloutManifestStageSchema } from './undo-rollout-manifest';
import { waitRunSchema, waitStageSchema } from './wait';
import { webhookRunSchema, webhookStageSchema } from './webhook';

/** The stage types Foresail runs: Spinnaker's names, plus its own trafficSplit and canaryRelease. */
export const stageTypes = [
  'deployManifest',
  'deleteManifest',
  'scaleManifest',
  'patchManifest',
  'undoRolloutManifest',
  'rollingRestartManifest',
  'findArtifactsFromResource',
  'findArtifactFromExecution',
  'enableManifest',
  'disableManifest',
  'runJobManifest',
  'bakeManifest',
  'manualJudgment',
  'wait',
  'webhook',
  'pipeline',
  'kayentaCanary',
  'checkPreconditions',
  'evaluateVariables',
  'trafficSplit',
  'canaryRelease',
] as const;
export type KnownStageType = (typeof stageTypes)[number];

type SchemaPerType = { [T in KnownStageType]: z.ZodType<{ type: T }> };

/** Config mode: what is saved and edited; numeric, boolean and enum fields may hold `${…}`. */
export const stageConfigSchemas = {
  deployManifest: deployManifestStageSchema,
  deleteManifest: deleteManifestStageSchema,
  scaleManifest: scaleManifestStageSchema,
  patchManifest: patchManifestStageSchema,
  undoRolloutManifest: undoRolloutManifestStageSchema,
  rollingRestartManifest: rollingRestartManifestStageSchema,
  findArtifactsFromResource: findArtifactsFromResourceStageSchema,
  findArtifactFromExecution: findArtifactFromExecutionStageSchema,
  enableManifest: enableManifestStageSchema,
  disableManifest: disableManifestStageSchema,
  runJobManifest: runJobManifestStageSchema,
  bakeManifest: bakeManifestStageSchema,
  manualJudgment: manualJudgmentStageSchema,
  wait: waitStageSchema,
  webhook: webhookStageSchema,
  pipeline: pipelineStageSchema,
  kayentaCanary: kayentaCanaryStageSchema,
  checkPreconditions: checkPreconditionsStageSchema,
  evaluateVariables: evaluateVariablesStageSchema,
  trafficSplit: trafficSplitStageSchema,
  canaryRelease: canaryReleaseStageSchema,
} satisfies SchemaPerType;

/** Run mode: the same stages after expression evaluation; a leftover `${…}` in a typed field is an error. */
export const stageRunSchemas = {
  deployManifest: deployManifestRunSchema,
  deleteManifest: deleteManifestRunSchema,
  scaleManifest: scaleManifestRunSchema,
  patchManifest: patchManifestRunSchema,
  undoRolloutManifest: undoRolloutManifestRunSchema,
  rollingRestartManifest: rollingRestartManifestRunSchema,
  findArtifactsFromResource: findArtifactsFromResourceRunSchema,
  findArtifactFromExecution: findArtifactFromExecutionRunSchema,
  enableManifest: enableManifestRunSchema,
  disableManifest: disableManifestRunSchema,
  runJobManifest: runJobManifestRunSchema,
  bakeManifest: bakeManifestRunSchema,
  manualJudgment: manualJudgmentRunSchema,
  wait: waitRunSchema,
  webhook: webhookRunSchema,
  pipeline: pipelineRunSchema,
  kayentaCanary: kayentaCanaryRunSchema,
  checkPreconditions: checkPreconditionsRunSchema,
  evaluateVariables: evaluateVariablesRunSchema,
  trafficSplit: trafficSplitRunSchema,
  canaryRelease: canaryReleaseRunSchema,
} satisfies SchemaPerType;

export type KnownStageConfig = z.output<(typeof stageConfigSchemas)[KnownStageType]>;
export type StageConfigOf<T extends KnownStageType> = z.output<(typeof stageConfigSchemas)[T]>;
/** A stage ready to run: typed fields hold values, not expressions. */
export type RunStage = z.output<(typeof stageRunSchemas)[KnownStageType]>;
export type RunStageOf<T extends KnownStageType> = z.output<(typeof stageRunSchemas)[T]>;

export function isKnownStageType(type: unknown): type is KnownStageType {
  return typeof type === 'string' && Object.hasOwn(stageConfigSchemas, type);
}

/** Narrows a stage to the known types (an unknown stage's `type: string` defeats narrowing by `type` alone). */
export function isKnownStage<S extends { type: string }>(stage: S): stage is S & KnownStageConfig {
  return isKnownStageType(stage.type);
}
