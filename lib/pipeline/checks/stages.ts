import { scopeReport, type Report } from '../issues';
import { isExpression } from '../schema/expression';
import type { StageConfig } from '../schema/pipeline';
import { checkBakeManifest } from '../schema/stages/bake-manifest';
import { checkCanaryRelease } from '../schema/stages/canary-release';
import { checkCheckPreconditions } from '../schema/stages/check-preconditions';
import { checkDeleteManifest } from '../schema/stages/delete-manifest';
import { checkDeployManifest } from '../schema/stages/deploy-manifest';
import { checkEnableDisableManifest } from '../schema/stages/enable-disable-manifest';
import { checkEvaluateVariables } from '../schema/stages/evaluate-variables';
import { checkFindArtifactFromExecution } from '../schema/stages/find-artifact-from-execution';
import { checkFindArtifactsFromResource } from '../schema/stages/find-artifacts-from-resource';
import { isKnownStage, type KnownStageConfig, type RunStage } from '../schema/stages';
import { checkKayentaCanary } from '../schema/stages/kayenta-canary';
import { checkManualJudgment } from '../schema/stages/manual-judgment';
import { checkPatchManifest } from '../schema/stages/patch-manifest';
import { checkPipelineStage } from '../schema/stages/pipeline';
import { checkRollingRestartManifest } from '../schema/stages/rolling-restart-manifest';
import { checkRunJobManifest } from '../schema/stages/run-job-manifest';
import { checkScaleManifest } from '../schema/stages/scale-manifest';
import { checkTrafficSplit } from '../schema/stages/traffic-split';
import { checkUndoRolloutManifest } from '../schema/stages/undo-rollout-manifest';
import { checkWebhook } from '../schema/stages/webhook';
import { unsupportedStageMessage } from '../spinnaker-types';

/** Field rules of each known type (beyond shape). Run-mode stages are config stages with values filled in. */
export function checkTypedStage(stage: KnownStageConfig | RunStage, report: Report): void {
  switch (stage.type) {
    case 'deployManifest':
      return checkDeployManifest(stage, report);
    case 'deleteManifest':
      return checkDeleteManifest(stage, report);
    case 'scaleManifest':
      return checkScaleManifest(stage, report);
    case 'patchManifest':
      return checkPatchManifest(stage, report);
    case 'undoRolloutManifest':
      return checkUndoRolloutManifest(stage, report);
    case 'rollingRestartManifest':
      return checkRollingRestartManifest(stage, report);
    case 'findArtifactsFromResource':
      return checkFindArtifactsFromResource(stage, report);
    case 'findArtifactFromExecution':
      return checkFindArtifactFromExecution(stage, report);
    case 'enableManifest':
    case 'disableManifest':
      return checkEnableDisableManifest(stage, report);
    case 'runJobManifest':
      return checkRunJobManifest(stage, report);
    case 'bakeManifest':
      return checkBakeManifest(stage, report);
    case 'manualJudgment':
      return checkManualJudgment(stage, report);
    case 'webhook':
      return checkWebhook(stage, report);
    case 'pipeline':
      return checkPipelineStage(stage, report);
    case 'kayentaCanary':
      return checkKayentaCanary(stage, report);
    case 'checkPreconditions':
      return checkCheckPreconditions(stage, report);
    case 'evaluateVariables':
      return checkEvaluateVariables(stage, report);
    case 'trafficSplit':
      return checkTrafficSplit(stage, report);
    case 'canaryRelease':
      return checkCanaryRelease(stage, report);
    case 'wait':
      return;
  }
}

const STAGE_EVENTS = new Set(['stage.starting', 'stage.complete', 'stage.failed']);

/** Common-field rules, then the type's own; `stage` is one normalised pipeline stage. */
export function checkStage(stage: StageConfig, report: Report): void {
  if (stage.name === undefined || stage.name.trim() === '') report(['name'], 'has no name, so people and #stage() cannot refer to it', 'warning');
  if (stage.stageEnabled && stage.stageEnabled.expression.trim() === '') {
    report(['stageEnabled', 'expression'], 'needs the condition under which the stage runs');
  }
  if (stage.continuePipeline === true && stage.failPipeline === true) {
    report(['continuePipeline'], 'wins over failPipeline: a failure of this stage is ignored and the pipeline continues', 'warning');
  }
  if (stage.restrictExecutionDuringTimeWindow === true && !stage.restrictedExecutionWindow?.whitelist?.length) {
    report(['restrictedExecutionWindow', 'whitelist'], 'has no time windows, so the stage is not restricted', 'warning');
  }
  if (stage.overrideTimeout === true && stage.stageTimeoutMs === undefined) {
    report(['stageTimeoutMs'], 'needs the timeout to use (overrideTimeout is on)');
  }
  if (stage.type !== 'manualJudgment') {
    stage.notifications?.forEach((notification, i) =>
      notification.when?.forEach((event, j) => {
        if (!STAGE_EVENTS.has(event) && !isExpression(event)) {
          report(['notifications', i, 'when', j], `"${event}" is not a stage notification event (stage.starting, stage.complete, stage.failed)`, 'warning');
        }
      }),
    );
  }
  if (isKnownStage(stage)) {
    checkTypedStage(stage, report);
  } else {
    report(['type'], unsupportedStageMessage(stage.type), 'warning');
  }
}

export function checkStages(stages: readonly StageConfig[], report: Report): void {
  const names = new Map<string, number>();
  stages.forEach((stage, i) => {
    checkStage(stage, scopeReport(report, ['stages', i]));
    const name = stage.name?.trim();
    if (!name) return;
    const first = names.get(name);
    if (first === undefined) names.set(name, i);
    else report(['stages', i, 'name'], `stages[${first}] has the same name, so #stage('${name}') is ambiguous`, 'warning');
  });
}
