import { z } from 'zod';
import { checkManifestObject, manifestKind } from '../../checks/manifest';
import { isFilled } from '../../checks/required';
import { scopeReport, type Report } from '../../issues';
import { expectedArtifactsField } from '../artifacts';
import { commonStageFields, manifestSchema } from '../common';
import { configKit, opt, runKit, stringListSchema, type FieldKit } from '../fields';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('runJobManifest'),
    /** Deck writes both account and credentials (the older name); either one names the cluster. */
    account: opt(z.string()),
    credentials: opt(z.string()),
    cloudProvider: opt(z.string()),
    application: opt(z.string()),
    source: k.optionalOneOf(['text', 'artifact']),
    manifest: opt(manifestSchema),
    manifests: opt(z.array(manifestSchema)),
    manifestArtifactId: opt(z.string()),
    manifestArtifactAccount: opt(z.string()),
    requiredArtifactIds: opt(stringListSchema),
    namespaceOverride: opt(z.string()),
    /** Container whose logs hold key=value lines (or a SPINNAKER_PROPERTY_* block) that become outputs. */
    propertyFile: opt(z.string()),
    consumeArtifactSource: opt(z.string()),
    consumeArtifactId: opt(z.string()),
    consumeArtifactAccount: opt(z.string()),
    expectedArtifacts: expectedArtifactsField(),
  };
}

const longRunningKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Service', 'ConfigMap', 'Secret', 'Ingress', 'Namespace']);

/** Runs a Kubernetes Job (or a custom resource with a completion condition) to completion; its property file becomes stage outputs. */
export const runJobManifestStageSchema = z.looseObject(fields(configKit));
export const runJobManifestRunSchema = z.looseObject(fields(runKit));
export type RunJobManifestStage = z.infer<typeof runJobManifestStageSchema>;

export function checkRunJobManifest(stage: RunJobManifestStage, report: Report): void {
  if (!isFilled(stage.account) && !isFilled(stage.credentials)) {
    report(['account'], 'needs an account (the Kubernetes cluster to run the job in)');
  }
  if (stage.source === 'artifact') {
    if (!isFilled(stage.manifestArtifactId)) report(['manifestArtifactId'], 'needs the expected artifact that holds the job (source is "artifact")');
    return;
  }
  if (stage.source !== undefined && stage.source !== 'text') return;
  const [path, manifest]: [PropertyKey[], Record<string, unknown> | undefined] = stage.manifest
    ? [['manifest'], stage.manifest]
    : [['manifests', 0], stage.manifests?.[0]];
  if (!manifest) {
    report(['manifest'], 'needs the Job manifest to run');
    return;
  }
  const scoped = scopeReport(report, path);
  checkManifestObject(manifest, scoped);
  const kind = manifestKind(manifest);
  // A build custom resource (a Tekton TaskRun, …) runs like a Job when it reports a Succeeded/Complete/Failed
  // condition; only kinds that never finish are certainly wrong.
  if (kind !== undefined && longRunningKinds.has(kind)) scoped(['kind'], `must be a Job or a resource that completes (e.g. a TaskRun), not a ${kind}`);
}
