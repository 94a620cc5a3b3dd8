import 'server-only';
import type { Artifact, ExpectedArtifact } from '../pipeline';
import { helmRenderers, type BakeInputArtifact } from '../pipeline/schema/stages/bake-manifest';
import { withUpstreamArtifacts } from './artifact-scope';
import { artifactBytes } from './artifacts/content';
import { redactedManifestText, SEALED_CONTENT_KEY } from './artifacts/sealed';
import { helmTemplate } from './bake/helm-template';
import type { ExecutionView, StageHandler, StageServices } from './types';

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

/** Each input artifact's bytes: embedded, or fetched through its artifact account (StageServices.fetchArtifact). */
async function readInputs(execution: ExecutionView, inputs: readonly BakeInputArtifact[], services: StageServices): Promise<{ files: Buffer[] } | { error: string }> {
  const files: Buffer[] = [];
  for (const [i, input] of inputs.entries()) {
    const artifact = boundInput(execution, input);
    if (!artifact) return { error: `The ${describeInput(input, i)} could not be found in this execution: no trigger or upstream stage bound it` };
    const content = await artifactBytes(artifact, describeInput(input, i), services);
    if ('error' in content) return content;
    files.push(content.bytes);
  }
  return { files };
}

/**
 * The produced artifact. Rendered Secrets must not be readable by everyone who may read the
 * execution: the artifact then carries a redacted copy, and the real YAML is sealed server-side for
 * the deployManifest that consumes it (lib/stages/artifacts/content.ts).
 */
async function producedArtifact(name: string, manifests: string, services: StageServices): Promise<Artifact> {
  const shown = redactedManifestText(manifests);
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  if (shown === undefined) return { type: 'embedded/base64', name, reference: base64(manifests) };
  return { type: 'embedded/base64', name, reference: base64(shown), metadata: { [SEALED_CONTENT_KEY]: await services.sealArtifact(manifests) } };
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
    const read = await readInputs(withUpstreamArtifacts(received, stage, stages), inputs, services);
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
    const artifact = await producedArtifact(outputName, result.manifests, services);
    return {
      status: 'succeeded',
      outputs: { artifacts: [artifact], resolvedExpectedArtifacts: [{ ...produced, boundArtifact: artifact }], cloudProvider: 'kubernetes' },
    };
  },
};
