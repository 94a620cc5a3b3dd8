import { z } from 'zod';
import { checkManifestObject } from '../../checks/manifest';
import { isFilled, requireText } from '../../checks/required';
import { scopeReport, type Report } from '../../issues';
import { artifactSchema, requiredArtifactSchema } from '../artifacts';
import { commonStageFields, manifestSchema } from '../common';
import { configKit, opt, runKit, stringListSchema, text, type FieldKit } from '../fields';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('deployManifest'),
    account: text(),
    cloudProvider: opt(z.string()),
    moniker: opt(z.looseObject({ app: opt(z.string()), cluster: opt(z.string()) })),
    namespaceOverride: opt(z.string()),
    /** Older exports name the target namespace here instead of namespaceOverride. */
    namespace: opt(z.string()),
    source: k.optionalOneOf(['text', 'artifact']),
    manifests: opt(z.array(manifestSchema)),
    manifestArtifactId: opt(z.string()),
    manifestArtifact: opt(artifactSchema),
    manifestArtifactAccount: opt(z.string()),
    requiredArtifactIds: opt(stringListSchema),
    requiredArtifacts: opt(z.array(requiredArtifactSchema)),
    trafficManagement: opt(
      z.looseObject({
        enabled: k.optionalBoolean(),
        options: opt(
          z.looseObject({
            enableTraffic: k.optionalBoolean(),
            namespace: opt(z.string()),
            services: opt(stringListSchema),
            strategy: k.optionalOneOf(['redblack', 'highlander', 'bluegreen', 'none']),
          }),
        ),
      }),
    ),
  };
}

/** Applies manifests (inline, or from an artifact) to a cluster and waits for them to be ready. */
export const deployManifestStageSchema = z.looseObject(fields(configKit));
export const deployManifestRunSchema = z.looseObject(fields(runKit));
export type DeployManifestStage = z.infer<typeof deployManifestStageSchema>;

export function checkDeployManifest(stage: DeployManifestStage, report: Report): void {
  requireText(report, ['account'], stage.account, 'needs an account (the Kubernetes cluster to deploy to)');
  if (stage.source === 'artifact') {
    if (!isFilled(stage.manifestArtifactId) && !stage.manifestArtifact) {
      report(['manifestArtifactId'], 'needs the expected artifact that holds the manifests (source is "artifact")');
    }
  } else if (stage.source !== undefined && stage.source !== 'text') {
    // An expression: which source applies is only known at run time.
  } else if (!stage.manifests?.length) {
    report(['manifests'], 'needs at least one manifest to deploy');
  } else {
    stage.manifests.forEach((manifest, i) => checkManifestObject(manifest, scopeReport(report, ['manifests', i])));
  }
  const traffic = stage.trafficManagement;
  if (traffic?.enabled === true) {
    const options = traffic.options;
    if (!options?.services?.some(isFilled)) {
      report(['trafficManagement', 'options', 'services'], 'needs at least one service when traffic management is enabled');
    }
    if (options?.strategy === undefined) {
      report(['trafficManagement', 'options', 'strategy'], 'needs a rollout strategy (redblack, highlander, bluegreen or none) when traffic management is enabled');
    }
    report(
      ['trafficManagement', 'enabled'],
      'is true, but Foresail does not manage traffic in deployManifest yet: the manifests are deployed as written, no Service selector is added and older versions are neither disabled nor deleted (redblack, highlander). Use enableManifest/disableManifest stages (Service-selector traffic) or a trafficSplit stage instead',
      'warning',
    );
  }
}
