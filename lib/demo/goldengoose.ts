/**
 * The goldengoose story's names, in one place: the seed, the simulators and "Push a change" agree on
 * them. Isomorphic (plain values).
 */
export const goldengoose = {
  application: 'goldengoose',
  /** The GitHub repository the Build pipeline watches. */
  repository: { owner: 'example', name: 'goldengoose', branch: 'main' },
  namespace: 'goldengoose',
  /** Production's Deployment, Service, DestinationRule and VirtualService are all named this. */
  workload: 'goldengoose',
  container: 'goldengoose',
  /** The image repository; tags are short commit ids, production starts on `v1`. */
  image: 'goldengoose',
  productionTag: 'v1',
  kubernetesAccount: 'demo',
  metricsAccount: 'demo-prometheus',
  pipelines: { build: 'goldengoose-build', deploy: 'goldengoose-deploy' },
  canaryConfigId: 'goldengoose-golden-signals',
  imageArtifactId: 'goldengoose-image',
  /** Pipelines kept as Kubernetes resources in this namespace (GitOps), bound to goldengoose by the demo account's pipelineSync. */
  gitops: { namespace: 'goldengoose-gitops', resource: 'smoke-test', pipeline: 'Smoke test (GitOps)' },
} as const;

/** The image a commit builds to: `goldengoose:<short sha>` (what the Build pipeline's TaskRun is told to push). */
export const imageForCommit = (sha: string): string => `${goldengoose.image}:${sha.slice(0, 7)}`;
