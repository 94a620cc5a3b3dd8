import 'server-only';
import type { KnownStageType } from '../pipeline';
import { bakeManifest } from './bake-manifest';
import { createCanaryRelease, type CanaryReleaseState } from './canary-release';
import { checkPreconditions } from './check-preconditions';
import { evaluateVariables } from './evaluate-variables';
import { findArtifactFromExecution } from './find-artifact-from-execution';
import { kayentaCanary, type KayentaCanaryState } from './kayenta-canary';
import { deleteManifest } from './kubernetes/delete-manifest';
import { deployManifest, type DeployManifestState } from './kubernetes/deploy-manifest';
import { disableManifest, enableManifest } from './kubernetes/enable-disable-manifest';
import { findArtifactsFromResource } from './kubernetes/find-artifacts-from-resource';
import { patchManifest } from './kubernetes/patch-manifest';
import { rollingRestartManifest } from './kubernetes/rolling-restart-manifest';
import { runJobManifest, type RunJobState } from './kubernetes/run-job-manifest';
import { scaleManifest } from './kubernetes/scale-manifest';
import { trafficSplit, type TrafficSplitState } from './kubernetes/traffic';
import { undoRolloutManifest } from './kubernetes/undo-rollout-manifest';
import type { ActThenWaitState } from './kubernetes/act-then-wait';
import { manualJudgment, type ManualJudgmentState } from './manual-judgment';
import { pipeline, type PipelineState } from './pipeline';
import type { StageHandler } from './types';
import { wait, type WaitState } from './wait';
import { webhook, type WebhookState } from './webhook';

/** What each stage type keeps between runs (the engine stores it as opaque JSON). */
export interface StageStates {
  deployManifest: DeployManifestState;
  scaleManifest: ActThenWaitState;
  patchManifest: ActThenWaitState;
  undoRolloutManifest: ActThenWaitState;
  rollingRestartManifest: ActThenWaitState;
  enableManifest: ActThenWaitState;
  disableManifest: ActThenWaitState;
  runJobManifest: RunJobState;
  trafficSplit: TrafficSplitState;
  wait: WaitState;
  manualJudgment: ManualJudgmentState;
  pipeline: PipelineState;
  webhook: WebhookState;
  kayentaCanary: KayentaCanaryState;
  canaryRelease: CanaryReleaseState;
}

export type StageStateOf<T extends KnownStageType> = T extends keyof StageStates ? StageStates[T] : unknown;

/**
 * Every stage type's handler. The mapped type makes a type without a handler a compile error
 * (STYLE.md B3); there is no registration by import side effect.
 */
export const stageHandlers: { [T in KnownStageType]: StageHandler<T, StageStateOf<T>> } = {
  wait,
  manualJudgment,
  checkPreconditions,
  evaluateVariables,
  pipeline,
  webhook,
  deployManifest,
  deleteManifest,
  scaleManifest,
  patchManifest,
  undoRolloutManifest,
  rollingRestartManifest,
  findArtifactsFromResource,
  findArtifactFromExecution,
  enableManifest,
  disableManifest,
  runJobManifest,
  bakeManifest,
  kayentaCanary,
  trafficSplit,
  // Its cleanup runs the registry's own traffic and delete handlers.
  canaryRelease: createCanaryRelease({ trafficSplit, deleteManifest }),
};

export function stageHandlerFor<T extends KnownStageType>(type: T): StageHandler<T, StageStateOf<T>> {
  return stageHandlers[type];
}
