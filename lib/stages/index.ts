import 'server-only';
import type { KnownStageType } from '../pipeline';
import { checkPreconditions } from './check-preconditions';
import { evaluateVariables } from './evaluate-variables';
import { manualJudgment, type ManualJudgmentState } from './manual-judgment';
import { pipeline, type PipelineState } from './pipeline';
import type { StageHandler } from './types';
import { unavailableStage } from './unavailable';
import { wait, type WaitState } from './wait';
import { webhook, type WebhookState } from './webhook';

/** What each stage type keeps between runs (the engine stores it as opaque JSON). */
export interface StageStates {
  wait: WaitState;
  manualJudgment: ManualJudgmentState;
  pipeline: PipelineState;
  webhook: WebhookState;
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
  deployManifest: unavailableStage('deployManifest'),
  deleteManifest: unavailableStage('deleteManifest'),
  scaleManifest: unavailableStage('scaleManifest'),
  patchManifest: unavailableStage('patchManifest'),
  undoRolloutManifest: unavailableStage('undoRolloutManifest'),
  rollingRestartManifest: unavailableStage('rollingRestartManifest'),
  findArtifactsFromResource: unavailableStage('findArtifactsFromResource'),
  runJobManifest: unavailableStage('runJobManifest'),
  kayentaCanary: unavailableStage('kayentaCanary'),
  trafficSplit: unavailableStage('trafficSplit'),
  canaryRelease: unavailableStage('canaryRelease'),
};

export function stageHandlerFor<T extends KnownStageType>(type: T): StageHandler<T, StageStateOf<T>> {
  return stageHandlers[type];
}
