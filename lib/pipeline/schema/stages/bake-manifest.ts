import { z } from 'zod';
import { isFilled } from '../../checks/required';
import type { Report } from '../../issues';
import { artifactSchema, expectedArtifactsField } from '../artifacts';
import { commonStageFields } from '../common';
import { configKit, opt, runKit, type FieldKit } from '../fields';

/**
 * Orca's BakeManifestContext (Deck's "Bake (Manifest)"). Helm: `inputArtifacts[0]` is the chart, the
 * rest are values files; each names an expected artifact (`id`) or holds one inline (`artifact`).
 * `overrides` become `--set-string` (or `--set` with `rawOverrides`), as Rosco passes them to helm.
 * Kustomize: one git/repo `inputArtifact` and the `kustomizeFilePath` in it.
 */
const inputArtifactSchema = z.looseObject({
  id: opt(z.string()),
  account: opt(z.string()),
  artifact: opt(artifactSchema),
});
export type BakeInputArtifact = z.infer<typeof inputArtifactSchema>;

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('bakeManifest'),
    /** HELM3, HELM2, HELMFILE, KUSTOMIZE, KUSTOMIZE4: kept as text so an unknown one imports (with a warning). */
    templateRenderer: opt(z.string()),
    outputName: opt(z.string()),
    namespace: opt(z.string()),
    inputArtifacts: opt(z.array(inputArtifactSchema)),
    /** Kustomize's single input: the git/repo artifact (Deck writes `inputArtifact`, not `inputArtifacts`). */
    inputArtifact: opt(inputArtifactSchema),
    /** Kustomize: the kustomization file in the repository (`overlays/prod/kustomization.yaml`), as Rosco takes it. */
    kustomizeFilePath: opt(z.string()),
    overrides: opt(z.record(z.string(), z.unknown())),
    rawOverrides: k.optionalBoolean(),
    includeCRDs: k.optionalBoolean(),
    evaluateOverrideExpressions: k.optionalBoolean(),
    /** For chart artifacts that are repositories (git/repo): the chart's folder in it. */
    helmChartFilePath: opt(z.string()),
    apiVersions: opt(z.string()),
    kubeVersion: opt(z.string()),
    expectedArtifacts: expectedArtifactsField(),
  };
}

export const bakeManifestStageSchema = z.looseObject(fields(configKit));
export const bakeManifestRunSchema = z.looseObject(fields(runKit));
export type BakeManifestStage = z.infer<typeof bakeManifestStageSchema>;

/** The renderers Foresail runs: Helm 3, and Helm 2 charts rendered by Helm 3 (which reads apiVersion v1 charts). */
export const helmRenderers = new Set(['HELM3', 'HELM2']);
/** Kustomize, and Spinnaker's KUSTOMIZE4 (Kustomize 4), both built with kustomize v5. */
export const kustomizeRenderers = new Set(['KUSTOMIZE', 'KUSTOMIZE4']);

/** Artifact types a Helm bake reads (embedded, or fetched through an artifact account): the chart as a .tgz or a git/repo folder, values as YAML. */
export const bakeableArtifactTypes = new Set(['embedded/base64', 'http/file', 'github/file', 'git/repo']);

export function checkBakeManifest(stage: BakeManifestStage, report: Report): void {
  const renderer = stage.templateRenderer?.toUpperCase();
  if (renderer === undefined || renderer === '') report(['templateRenderer'], 'needs a template renderer (HELM3 or KUSTOMIZE)');
  else if (renderer === 'HELM2') report(['templateRenderer'], 'is HELM2: Helm 2 is end-of-life, so Foresail renders the chart with Helm 3 (which reads Helm 2 charts); a chart that relies on Helm 2 behaviour may render differently', 'warning');
  else if (!helmRenderers.has(renderer) && !kustomizeRenderers.has(renderer)) {
    report(['templateRenderer'], `is ${stage.templateRenderer ?? ''}: Foresail runs the HELM3 and KUSTOMIZE renderers (not Helmfile or CDK8s); the pipeline is kept as written, and a run fails when it reaches this stage`, 'warning');
  }
  if (renderer !== undefined && kustomizeRenderers.has(renderer)) checkKustomizeInput(stage, report);
  else checkHelmInputs(stage, report);
  const produced = stage.expectedArtifacts ?? [];
  // Orca's CreateBakeManifestTask refuses anything but exactly one produced artifact named outputName.
  if (produced.length !== 1) report(['expectedArtifacts'], `produces ${produced.length} artifacts; a bake produces exactly one embedded/base64 artifact, so list exactly one`);
  if (!isFilled(stage.outputName)) report(['outputName'], 'needs a name for the baked manifest (the release name, and the produced artifact\u2019s name)');
  else if (produced.length === 1 && produced[0]?.matchArtifact?.name !== undefined && produced[0].matchArtifact.name !== stage.outputName) {
    report(['outputName'], `is "${stage.outputName}", but the produced artifact is named "${produced[0].matchArtifact.name}"; Spinnaker requires the two to match`);
  }
}

function checkHelmInputs(stage: BakeManifestStage, report: Report): void {
  const inputs = stage.inputArtifacts ?? [];
  if (inputs.length === 0) report(['inputArtifacts'], 'needs the chart to bake (an input artifact)');
  for (const [i, input] of inputs.entries()) {
    if (!isFilled(input.id) && !input.artifact) report(['inputArtifacts', i], 'names no artifact (an expected artifact id, or an artifact)');
    const type = input.artifact?.type;
    if (!isFilled(input.id) && type !== undefined && !bakeableArtifactTypes.has(type)) {
      report(['inputArtifacts', i, 'artifact', 'type'], `is ${type}: Foresail bakes Helm charts from embedded/base64, http/file and github/file artifacts (a packaged chart) and git/repo artifacts (a chart folder); a run fails when it reaches this stage`, 'warning');
    }
  }
}

function checkKustomizeInput(stage: BakeManifestStage, report: Report): void {
  const input = stage.inputArtifact ?? stage.inputArtifacts?.[0];
  if (!input || (!isFilled(input.id) && !input.artifact)) report(['inputArtifact'], 'needs the git/repo artifact to build (an expected artifact id, or an artifact)');
  else if (!isFilled(input.id) && input.artifact?.type !== undefined && input.artifact.type !== 'git/repo') {
    report(['inputArtifact', 'artifact', 'type'], `is ${input.artifact.type}: a Kustomize bake builds from a git/repo artifact; a run fails when it reaches this stage`, 'warning');
  }
  if (!isFilled(stage.kustomizeFilePath)) report(['kustomizeFilePath'], 'needs the kustomization file to build (its path in the repository, such as overlays/prod/kustomization.yaml)');
}
