import { demoServiceAccount } from '../../config/auth-schema';
import { goldengoose } from '../goldengoose';

/** How long the canary runs: the demo's ~4 minutes, or shorter in tests. */
export interface CanaryTiming {
  warmupMinutes: number;
  intervalMinutes: number;
  /** ISO-8601, e.g. PT4M. */
  lifetime: string;
  /** Seconds between the points compared (Prometheus scrapes the simulator every 5 s). */
  stepSeconds: number;
}

export const demoCanaryTiming: CanaryTiming = { warmupMinutes: 0.5, intervalMinutes: 1, lifetime: 'PT4M', stepSeconds: 5 };

const imageMatch = { type: 'docker/image', name: goldengoose.image };

/**
 * Build: a push to main of example/goldengoose (signed with `secret`) creates a Tekton TaskRun that
 * builds `goldengoose:<short sha>`; the stage waits for its Succeeded condition and produces the
 * image it reports (IMAGE_URL / IMAGE_DIGEST results) as a docker/image artifact, which the Deploy
 * pipeline receives. It runs as the service account, whose role may use the `demo` cluster.
 */
export function buildPipeline(secret: string, namespace: string = goldengoose.namespace): Record<string, unknown> {
  const { owner, name, branch } = goldengoose.repository;
  return {
    id: goldengoose.pipelines.build,
    application: goldengoose.application,
    name: 'Build',
    description: 'Builds the pushed commit into an image with a Tekton TaskRun (in the demo, a simulated build controller completes it).',
    // Pushes build side by side; the Deploy pipeline they trigger runs one at a time.
    limitConcurrent: false,
    keepWaitingPipelines: false,
    triggers: [
      { id: 'goldengoose-push', type: 'git', enabled: true, source: 'github', project: owner, slug: name, branch, secret, runAsUser: demoServiceAccount.name },
    ],
    stages: [
      {
        refId: 'build',
        requisiteStageRefIds: [],
        type: 'runJobManifest',
        name: 'Build image',
        account: goldengoose.kubernetesAccount,
        cloudProvider: 'kubernetes',
        source: 'text',
        namespaceOverride: namespace,
        manifest: {
          apiVersion: 'tekton.dev/v1',
          kind: 'TaskRun',
          metadata: { generateName: `${goldengoose.workload}-build-`, labels: { app: goldengoose.workload, 'foresail.io/commit': "${trigger['hash']}" } },
          spec: {
            taskRef: { name: 'build-image' },
            params: [
              { name: 'repository', value: `https://github.com/${owner}/${name}` },
              { name: 'revision', value: "${trigger['hash']}" },
              { name: 'IMAGE', value: `${goldengoose.image}:\${trigger['hash'].substring(0, 7)}` },
            ],
          },
        },
        expectedArtifacts: [{ id: goldengoose.imageArtifactId, displayName: 'goldengoose image', matchArtifact: imageMatch }],
      },
    ],
  };
}

/**
 * Deploy: when Build succeeds, its image goes through one canaryRelease stage: baseline (production's
 * image) and canary (the new one), 2 pods each, 10 % of the traffic each through the VirtualService,
 * Prometheus analysis with the golden-signals config; a marginal score waits for a release manager;
 * a pass rolls production to the new image; baseline and canary are removed whatever happens.
 */
export function deployPipeline(timing: CanaryTiming = demoCanaryTiming, namespace: string = goldengoose.namespace): Record<string, unknown> {
  const { workload } = goldengoose;
  return {
    id: goldengoose.pipelines.deploy,
    application: goldengoose.application,
    name: 'Deploy',
    description: 'Canary release of the image Build produced: baseline vs canary, automated analysis, promotion or not, cleanup always.',
    limitConcurrent: true,
    keepWaitingPipelines: true,
    expectedArtifacts: [{ id: 'new-image', displayName: 'goldengoose image from Build', matchArtifact: imageMatch }],
    triggers: [
      {
        id: 'goldengoose-built',
        type: 'pipeline',
        enabled: true,
        application: goldengoose.application,
        pipeline: goldengoose.pipelines.build,
        status: ['successful'],
        expectedArtifactIds: ['new-image'],
        runAsUser: demoServiceAccount.name,
      },
    ],
    stages: [
      {
        refId: 'release',
        requisiteStageRefIds: [],
        type: 'canaryRelease',
        name: 'Canary release',
        account: goldengoose.kubernetesAccount,
        namespace,
        production: { kind: 'Deployment', name: workload, container: goldengoose.container },
        image: { expectedArtifactId: 'new-image' },
        replicas: 2,
        traffic: { production: 80, baseline: 10, canary: 10 },
        router: { kind: 'VirtualService', name: workload, host: workload },
        canaryConfig: {
          canaryConfigId: goldengoose.canaryConfigId,
          metricsAccountName: goldengoose.metricsAccount,
          lifetimeDuration: timing.lifetime,
          beginCanaryAnalysisAfterMins: timing.warmupMinutes,
          canaryAnalysisIntervalMins: timing.intervalMinutes,
          scoreThresholds: { pass: 75, marginal: 50 },
          scopes: [
            { scopeName: 'default', controlScope: `${workload}-baseline`, controlLocation: namespace, experimentScope: `${workload}-canary`, experimentLocation: namespace, step: timing.stepSeconds },
          ],
        },
        marginalAction: 'judge',
        judgmentRoles: ['release-managers'],
      },
    ],
  };
}
