import { stageTypes } from './schema/stages';
import { triggerTypes } from './schema/triggers';

/**
 * What Foresail does with each stage and trigger type Spinnaker has (Deck's stage registry and
 * trigger types, Orca's stage builders). The README's compatibility table lists the same entries,
 * and the import warning for a type Foresail does not run comes from here.
 */
export type Support = 'runs' | 'imports with warning' | 'not planned';

export interface TypeSupport {
  support: Support;
  /** For a stage or trigger Foresail does not run: why, and what to use instead. For one it runs in part: which part. */
  reason?: string;
}

const OTHER_CLOUD = 'Foresail deploys to Kubernetes with manifests only; this stage belongs to Spinnaker\u2019s legacy V1 Kubernetes provider or another cloud\u2019s server groups. Use deployManifest (and scale/delete/patch manifest stages) instead';
const CLOUD_FOUNDRY = 'Foresail deploys to Kubernetes only; this is a Cloud Foundry stage';
const CI = 'Foresail has no CI-server integration; run the build as a Kubernetes Job (runJobManifest) or call the CI server with a webhook stage';

const stageGroups: [readonly string[], TypeSupport][] = [
  [['bakeManifest'], { support: 'runs', reason: 'with the HELM3 renderer (and HELM2, rendered by Helm 3) on a packaged chart (embedded/base64, http/file or github/file artifacts) or a chart folder in a git/repo, and KUSTOMIZE (and KUSTOMIZE4) on a git/repo artifact; HELMFILE and CDK8S import with a warning, and a run fails at the stage' }],
  [
    [
      'deploy', 'bake', 'cloneServerGroup', 'createServerGroup', 'destroyServerGroup', 'disableServerGroup', 'enableServerGroup',
      'resizeServerGroup', 'rollbackServerGroup', 'rollbackCluster', 'scaleDownCluster', 'shrinkCluster', 'disableCluster',
      'findImage', 'findAmi', 'findImageFromTags', 'upsertImageTags', 'upsertLoadBalancers', 'upsertLoadBalancer',
      'deleteLoadBalancer', 'upsertSecurityGroup', 'deleteSecurityGroup', 'applySourceServerGroupCapacity',
      'modifyAwsScalingProcess', 'modifyWarmPool', 'mapLoadBalancers', 'unmapLoadBalancers', 'runJob', 'deployCloudFormation',
      'startAppEngineServerGroup', 'stopAppEngineServerGroup', 'upsertAppEngineLoadBalancers', 'deployCloudrunManifest',
      'upsertCloudrunLoadBalancers', 'dcosDestroyServerGroup', 'dcosDisableCluster', 'dcosDisableServerGroup', 'dcosFindImage',
      'dcosResizeServerGroup', 'dcosRunJob', 'dcosScaleDownCluster', 'dcosShrinkCluster', 'upsertScalingPolicy', 'deleteScalingPolicy',
    ],
    { support: 'not planned', reason: OTHER_CLOUD },
  ],
  [['deployService', 'destroyService', 'shareService', 'unshareService', 'createServiceKey', 'deleteServiceKey', 'bakeCloudFoundryManifest'], { support: 'not planned', reason: CLOUD_FOUNDRY }],
  [['jenkins', 'travis', 'wercker', 'concourse', 'script', 'googleCloudBuild', 'awsCodeBuild'], { support: 'not planned', reason: CI }],
  [['tagImage', 'deleteImage', 'disableInstances', 'enableInstances', 'terminateInstances', 'rebootInstances', 'deployAppEngineConfiguration', 'Aws.LambdaDeploymentStage', 'Aws.LambdaUpdateCodeStage', 'Aws.LambdaTrafficRoutingStage', 'Aws.LambdaInvokeStage', 'Aws.LambdaDeleteStage'], { support: 'not planned', reason: OTHER_CLOUD }],
  [['canary', 'acaTask'], { support: 'not planned', reason: 'this is Netflix\u2019s retired canary analysis (ACA); use kayentaCanary or Foresail\u2019s canaryRelease' }],
  [['upsertEntityTags', 'deleteEntityTags'], { support: 'not planned', reason: 'entity tags are a Clouddriver cache feature Foresail does not have' }],
  [['importDeliveryConfig'], { support: 'not planned', reason: 'Managed Delivery (Keel) is not part of Foresail' }],
  [['gremlin'], { support: 'not planned', reason: 'Gremlin chaos experiments need Gremlin\u2019s service; call it with a webhook stage' }],
  [['savePipelinesFromArtifact'], { support: 'not planned', reason: 'pipelines are saved through the API, spin or the import, not by a stage' }],
  [['evaluateArtifacts'], { support: 'not planned', reason: 'evaluateVariables or an embedded/base64 expected artifact do the same' }],
  [['monitorPipeline', 'runMultiplePipelines'], { support: 'not planned', reason: 'several pipeline stages in parallel do the same' }],
  [['waitForCondition', 'waitForRequisiteCompletion'], { support: 'not planned', reason: 'these are Orca-internal stages that Deck does not offer' }],
];

const triggerGroups: [readonly string[], TypeSupport][] = [
  [['jenkins', 'travis', 'wercker', 'concourse', 'googleCloudBuild', 'awsCodeBuild'], { support: 'not planned', reason: 'Foresail has no CI-server integration; have the CI server call a webhook trigger instead' }],
  [['pubsub'], { support: 'not planned', reason: 'Foresail does not subscribe to message queues; publish to a webhook trigger instead' }],
  [['artifactory', 'nexus', 'helm', 'plugin'], { support: 'not planned', reason: 'Foresail does not poll artifact repositories; have the repository call a webhook trigger instead' }],
  [['cdevents'], { support: 'not planned', reason: 'CDEvents are not received yet; send them to a webhook trigger' }],
];

function catalog(known: readonly string[], groups: [readonly string[], TypeSupport][]): ReadonlyMap<string, TypeSupport> {
  const map = new Map<string, TypeSupport>(known.map((type) => [type, { support: 'runs' }]));
  for (const [types, support] of groups) for (const type of types) map.set(type, support);
  return map;
}

/** Every Spinnaker stage type Foresail knows of (plus its own trafficSplit and canaryRelease). */
export const spinnakerStageTypes = catalog(stageTypes, stageGroups);
export const spinnakerTriggerTypes = catalog(triggerTypes, triggerGroups);

/** The import warning for a stage type Foresail does not run: what happens, and why. */
export function unsupportedStageMessage(type: string): string {
  const known = spinnakerStageTypes.get(type);
  const why = known?.reason ?? 'Foresail does not know this stage type (a preconfigured webhook, a plugin, or another Spinnaker extension)';
  return `"${type}" stages do not run in Foresail: ${why}. The pipeline is kept as written, and a run fails when it reaches this stage`;
}

export function unsupportedTriggerMessage(type: string): string {
  const known = spinnakerTriggerTypes.get(type);
  const why = known?.reason ?? 'Foresail does not know this trigger type';
  return `"${type}" triggers never start this pipeline in Foresail: ${why}. The trigger is kept as written`;
}

/** One row per verdict (support and reason), listing its types: every type appears once. */
function tableRows(types: ReadonlyMap<string, TypeSupport>): string[] {
  const order: Support[] = ['runs', 'imports with warning', 'not planned'];
  const rows = new Map<string, { support: Support; reason?: string; types: string[] }>();
  for (const [type, { support, reason }] of types) {
    const key = `${support}\u0000${reason ?? ''}`;
    const row = rows.get(key) ?? { support, reason, types: [] };
    row.types.push(type);
    rows.set(key, row);
  }
  return [...rows.values()]
    .sort((a, b) => order.indexOf(a.support) - order.indexOf(b.support) || b.types.length - a.types.length)
    .map(({ support, reason, types: listed }) => {
      const verdict = support === 'runs' ? (reason ? `runs ${reason}` : 'runs') : support === 'not planned' ? `not planned, because ${reason ?? ''}` : `imports with warning: ${reason ?? ''}`;
      const names = [...listed].sort((a, b) => a.localeCompare(b)).map((t) => `\`${t}\``).join(', ');
      return `| ${names} | ${verdict.replace(/\|/g, '\\|')} |`;
    });
}

/**
 * The README's compatibility table, generated from the catalogue above (a test keeps the README in
 * step). Every type listed imports; "not planned" and "imports with warning" ones warn on import.
 */
export function compatibilityTableMarkdown(): string {
  return [
    '| Stage types | In Foresail |',
    '|---|---|',
    ...tableRows(spinnakerStageTypes),
    '',
    '| Trigger types | In Foresail |',
    '|---|---|',
    ...tableRows(spinnakerTriggerTypes),
    '',
  ].join('\n');
}
