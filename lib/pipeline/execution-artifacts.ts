import type { Artifact } from './schema/artifacts';

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const isArtifact = (value: unknown): value is Artifact => isObject(value) && typeof value.type === 'string';

/**
 * Orca's ArtifactUtils.getAllArtifacts(execution): the artifacts the execution's stages emitted
 * (`outputs.artifacts`, later stages first), then its trigger's own. What a pipeline-triggered child
 * receives, and what findArtifactFromExecution searches in another pipeline's last execution.
 */
export function allArtifactsOf(trigger: Loose, stages: readonly { position: number; outputs: Loose }[]): Artifact[] {
  const emitted = [...stages]
    .sort((a, b) => b.position - a.position)
    .flatMap((stage) => (Array.isArray(stage.outputs.artifacts) ? stage.outputs.artifacts.filter(isArtifact) : []));
  const received = Array.isArray(trigger.artifacts) ? trigger.artifacts.filter(isArtifact) : [];
  return [...emitted, ...received];
}

export interface ScopeStage {
  id: string;
  refId: string;
  parentStageId: string | null;
  requisiteStageRefIds: readonly string[];
  outputs: Loose;
}

/** The top-level stages `stage` runs after (directly or not); a synthetic child runs after its parent's. */
function upstreamOf(stage: ScopeStage, stages: readonly ScopeStage[]): ScopeStage[] {
  const byId = new Map(stages.map((s) => [s.id, s]));
  let top = stage;
  for (let parent = byId.get(top.parentStageId ?? ''); parent; parent = byId.get(parent.parentStageId ?? '')) top = parent;
  const byRef = new Map(stages.filter((s) => s.parentStageId === null).map((s) => [s.refId, s]));
  const found: ScopeStage[] = [];
  const seen = new Set<string>();
  const pending = [...top.requisiteStageRefIds];
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    const upstream = byRef.get(ref);
    if (!upstream || seen.has(ref)) continue;
    seen.add(ref);
    found.push(upstream);
    pending.push(...upstream.requisiteStageRefIds);
  }
  return found;
}

/**
 * The artifacts a stage can bind, as Orca's ArtifactUtils sees them from a stage: the expected
 * artifacts bound by upstream stages (`outputs.resolvedExpectedArtifacts`, as findArtifactFromExecution,
 * findArtifactsFromResource or runJobManifest output them) before the trigger's, and the artifacts
 * upstream stages emitted (`outputs.artifacts`) before the trigger's. Returned as the trigger fields
 * stages already read, so every artifact lookup sees both.
 */
export function artifactsInScope(trigger: Loose, stage: ScopeStage, stages: readonly ScopeStage[]): { resolvedExpectedArtifacts: Loose[]; artifacts: Loose[] } {
  const upstream = upstreamOf(stage, stages);
  const listed = (value: unknown): Loose[] => (Array.isArray(value) ? value.filter(isObject) : []);
  return {
    resolvedExpectedArtifacts: [...upstream.flatMap((s) => listed(s.outputs.resolvedExpectedArtifacts)), ...listed(trigger.resolvedExpectedArtifacts)],
    artifacts: [...upstream.flatMap((s) => listed(s.outputs.artifacts).filter(isArtifact)), ...listed(trigger.artifacts)],
  };
}
