import 'server-only';
import type { Artifact, ExpectedArtifact } from '../pipeline';
import { bakeableArtifactTypes, helmRenderers, type BakeInputArtifact } from '../pipeline/schema/stages/bake-manifest';
import { withUpstreamArtifacts } from './artifact-scope';
import { helmTemplate } from './bake/helm-template';
import type { ExecutionView, StageHandler } from './types';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Orca's ArtifactUtils.getBoundArtifactForStage: the expected artifact bound upstream or by the trigger, else the inline one. */
function boundInput(execution: ExecutionView, input: BakeInputArtifact): Loose | undefined {
  if (input.id) {
    const resolved = Array.isArray(execution.trigger.resolvedExpectedArtifacts) ? (execution.trigger.resolvedExpectedArtifacts as unknown[]).filter(isObject) : [];
    const bound = resolved.find((r) => r.id === input.id)?.boundArtifact;
    if (isObject(bound)) return bound;
  }
  return input.artifact;
}

const describeInput = (input: BakeInputArtifact, i: number) => `input artifact ${i + 1}${input.id ? ` (expected artifact "${input.id}")` : input.artifact?.name ? ` (${input.artifact.name})` : ''}`;

/** Each input artifact's bytes: embedded/base64 only, until remote artifacts are fetched (issue 16 item 5). */
function readInputs(execution: ExecutionView, inputs: readonly BakeInputArtifact[]): { files: Buffer[] } | { error: string } {
  const files: Buffer[] = [];
  for (const [i, input] of inputs.entries()) {
    const artifact = boundInput(execution, input);
    if (!artifact) return { error: `The ${describeInput(input, i)} could not be found in this execution: no trigger or upstream stage bound it` };
    const type = typeof artifact.type === 'string' ? artifact.type : 'unknown';
    if (!bakeableArtifactTypes.has(type)) return { error: `The ${describeInput(input, i)} is a ${type} artifact; Foresail bakes from embedded/base64 artifacts only so far` };
    if (typeof artifact.reference !== 'string' || artifact.reference === '') return { error: `The ${describeInput(input, i)} is empty (its reference holds no base64 content)` };
    files.push(Buffer.from(artifact.reference, 'base64'));
  }
  return { files };
}

/**
 * Spinnaker's Bake (Manifest) with the Helm renderer: `helm template` on the chart (the first input
 * artifact, a packaged chart in an embedded/base64 artifact), with the other inputs as values files
 * and the overrides as `--set-string` (or `--set` with rawOverrides). The rendered YAML becomes one
 * embedded/base64 artifact named outputName, bound to the stage's expected artifact, which a later
 * deployManifest deploys by manifestArtifactId. Overrides are evaluated like every field before the
 * stage runs, so `evaluateOverrideExpressions` changes nothing here.
 */
export const bakeManifest: StageHandler<'bakeManifest'> = {
  type: 'bakeManifest',
  defaultTimeoutMs: 5 * 60_000,
  async run({ execution: received, stage, stages, signal, services }) {
    const config = stage.config;
    const renderer = (config.templateRenderer ?? '').toUpperCase();
    if (!helmRenderers.has(renderer)) {
      return { status: 'failed', reason: `Foresail bakes with the HELM3 renderer only; this stage asks for ${config.templateRenderer ? `"${config.templateRenderer}"` : 'no renderer'}` };
    }
    const expected: ExpectedArtifact[] = config.expectedArtifacts ?? [];
    const produced = expected[0];
    if (expected.length !== 1 || !produced) return { status: 'failed', reason: `A bake produces exactly one embedded/base64 artifact, but the stage lists ${expected.length} produced artifacts (expectedArtifacts)` };
    const outputName = config.outputName ?? '';
    if (outputName === '' || (produced.matchArtifact?.name !== undefined && produced.matchArtifact.name !== outputName)) {
      return { status: 'failed', reason: `The output name ("${outputName}") is required and must match the produced artifact's name ("${produced.matchArtifact?.name ?? ''}")` };
    }
    const inputs = config.inputArtifacts ?? [];
    if (inputs.length === 0) return { status: 'failed', reason: 'The stage names no chart to bake (inputArtifacts is empty)' };
    const read = readInputs(withUpstreamArtifacts(received, stage, stages), inputs);
    if ('error' in read) return { status: 'failed', reason: read.error };
    const [chart, ...values] = read.files;
    if (!chart) return { status: 'failed', reason: 'The stage names no chart to bake (inputArtifacts is empty)' };
    const result = await helmTemplate(
      {
        release: outputName,
        chart,
        values: values.map((v) => v.toString('utf8')),
        namespace: config.namespace,
        overrides: config.overrides ?? {},
        rawOverrides: config.rawOverrides === true,
        includeCRDs: config.includeCRDs === true,
        apiVersions: config.apiVersions,
        kubeVersion: config.kubeVersion,
      },
      { binary: services.helmBinary(), signal },
    );
    if (!result.ok) return { status: 'failed', reason: result.error };
    const artifact: Artifact = { type: 'embedded/base64', name: outputName, reference: Buffer.from(result.manifests, 'utf8').toString('base64') };
    return {
      status: 'succeeded',
      outputs: { artifacts: [artifact], resolvedExpectedArtifacts: [{ ...produced, boundArtifact: artifact }], cloudProvider: 'kubernetes' },
    };
  },
};
