import type { ComponentType } from 'react';
import type { KnownStageType } from '@/lib/pipeline';
import type { ExecutionSummary, StageDto, StageSummary } from '@/lib/pipeline/execution';
import { CanaryStageTab } from '@/components/canary/report/canary-stage-tab';
import { JudgmentTab } from './judgment-tab';
import { KubernetesTab } from './kubernetes/kubernetes-tab';
import type { ExecutionPermissions } from './permissions';

export interface StageTabProps {
  execution: ExecutionSummary;
  stage: StageDto;
  permissions: ExecutionPermissions;
  /** Ask for a fresh copy of the execution after an action (the event stream also brings it). */
  onChanged(): void;
}

export interface StageTab {
  /** Unique within the stage type; also the tab's DOM id suffix. */
  id: string;
  label: string;
  Component: ComponentType<StageTabProps>;
  /** The tab to open first when a stage of this type is selected (e.g. a waiting judgment). */
  isPrimary?(stage: StageSummary): boolean;
}

/**
 * Extra detail tabs by stage type, next to the common Summary / Context / Outputs. Keyed by the
 * known stage types, so a misspelt type does not compile; the Kubernetes and canary stages add
 * their tabs here.
 */
const kubernetes: readonly StageTab[] = [{ id: 'kubernetes', label: 'Kubernetes', Component: KubernetesTab }];

export const stageTabs: { readonly [T in KnownStageType]?: readonly StageTab[] } = {
  manualJudgment: [{ id: 'judgment', label: 'Judgment', Component: JudgmentTab, isPrimary: (stage) => stage.status === 'RUNNING' }],
  kayentaCanary: [{ id: 'canary', label: 'Canary', Component: CanaryStageTab, isPrimary: () => true }],
  canaryRelease: [{ id: 'canary', label: 'Canary', Component: CanaryStageTab }],
  deployManifest: kubernetes,
  deleteManifest: kubernetes,
  scaleManifest: kubernetes,
  patchManifest: kubernetes,
  undoRolloutManifest: kubernetes,
  rollingRestartManifest: kubernetes,
  findArtifactsFromResource: kubernetes,
  enableManifest: kubernetes,
  disableManifest: kubernetes,
  runJobManifest: kubernetes,
  trafficSplit: kubernetes,
};

const isKnown = (type: string): type is KnownStageType => Object.hasOwn(stageTabs, type);

export function stageTabsFor(type: string): readonly StageTab[] {
  return isKnown(type) ? (stageTabs[type] ?? []) : [];
}
