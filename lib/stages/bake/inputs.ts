import 'server-only';
import type { BakeInputArtifact } from '../../pipeline/schema/stages/bake-manifest';
import { artifactBytes } from '../artifacts/content';
import type { ExecutionView, StageServices } from '../types';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Orca's ArtifactUtils.getBoundArtifactForStage: the expected artifact bound upstream or by the trigger, else the inline one. */
export function boundInput(execution: ExecutionView, input: BakeInputArtifact): Loose | undefined {
  if (input.id) {
    const resolved = Array.isArray(execution.trigger.resolvedExpectedArtifacts) ? (execution.trigger.resolvedExpectedArtifacts as unknown[]).filter(isObject) : [];
    const bound = resolved.find((r) => r.id === input.id)?.boundArtifact;
    if (isObject(bound)) return bound;
  }
  return input.artifact;
}

export const describeInput = (input: BakeInputArtifact, i?: number) =>
  `input artifact${i === undefined ? '' : ` ${i + 1}`}${input.id ? ` (expected artifact "${input.id}")` : input.artifact?.name ? ` (${input.artifact.name})` : ''}`;

export const unbound = (input: BakeInputArtifact, i?: number) => ({ error: `The ${describeInput(input, i)} could not be found in this execution: no trigger or upstream stage bound it` });

/** Each input artifact's bytes (`inputs` start at position `first`): embedded, or fetched through its artifact account (StageServices.fetchArtifact). */
export async function readInputs(execution: ExecutionView, inputs: readonly BakeInputArtifact[], services: StageServices, first = 0): Promise<{ files: Buffer[] } | { error: string }> {
  const files: Buffer[] = [];
  for (const [j, input] of inputs.entries()) {
    const i = first + j; // the position in inputArtifacts, as errors name it
    const artifact = boundInput(execution, input);
    if (!artifact) return unbound(input, i);
    const content = await artifactBytes(artifact, describeInput(input, i), services);
    if ('error' in content) return content;
    files.push(content.bytes);
  }
  return { files };
}
