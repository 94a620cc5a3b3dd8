import 'server-only';
import type { Artifact, ExpectedArtifact } from '../pipeline';
import { helmRenderers, kustomizeRenderers } from '../pipeline/schema/stages/bake-manifest';
import { withUpstreamArtifacts } from './artifact-scope';
import { redactedManifestText, SEALED_CONTENT_KEY } from './artifacts/sealed';
import { bakeWithHelm } from './bake/helm-bake';
import { bakeWithKustomize } from './bake/kustomize-bake';
import type { StageHandler, StageServices } from './types';

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
 * Spinnaker's Bake (Manifest): the Helm renderer (bake/helm-bake.ts) or Kustomize
 * (bake/kustomize-bake.ts). The rendered YAML becomes one embedded/base64 artifact named outputName,
 * bound to the stage's expected artifact, which a later deployManifest deploys by manifestArtifactId.
 * Overrides are evaluated like every field before the stage runs, so `evaluateOverrideExpressions`
 * changes nothing here.
 */
export const bakeManifest: StageHandler<'bakeManifest'> = {
  type: 'bakeManifest',
  defaultTimeoutMs: 5 * 60_000,
  async run({ execution: received, stage, stages, signal, services }) {
    const config = stage.config;
    const renderer = (config.templateRenderer ?? '').toUpperCase();
    const isHelm = helmRenderers.has(renderer);
    if (!isHelm && !kustomizeRenderers.has(renderer)) {
      return { status: 'failed', reason: `Foresail bakes with the HELM3 and KUSTOMIZE renderers; this stage asks for ${config.templateRenderer ? `"${config.templateRenderer}"` : 'no renderer'}` };
    }
    const expected: ExpectedArtifact[] = config.expectedArtifacts ?? [];
    const produced = expected[0];
    if (expected.length !== 1 || !produced) return { status: 'failed', reason: `A bake produces exactly one embedded/base64 artifact, but the stage lists ${expected.length} produced artifacts (expectedArtifacts)` };
    const outputName = config.outputName ?? '';
    if (outputName === '' || (produced.matchArtifact?.name !== undefined && produced.matchArtifact.name !== outputName)) {
      return { status: 'failed', reason: `The output name ("${outputName}") is required and must match the produced artifact's name ("${produced.matchArtifact?.name ?? ''}")` };
    }
    const execution = withUpstreamArtifacts(received, stage, stages);
    const result = await (isHelm ? bakeWithHelm : bakeWithKustomize)(config, execution, services, signal);
    if (!result.ok) return { status: 'failed', reason: result.error };
    const artifact = await producedArtifact(outputName, result.manifests, services);
    return {
      status: 'succeeded',
      outputs: { artifacts: [artifact], resolvedExpectedArtifacts: [{ ...produced, boundArtifact: artifact }], cloudProvider: 'kubernetes' },
    };
  },
};
