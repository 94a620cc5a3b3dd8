import type { ExpressionContext } from './types';

/** A realistic execution for tests: the data shapes Orca hands to expressions (reference §4). */
const stages: Record<string, Record<string, unknown>> = {
  Deploy: {
    id: '01HZDEPLOY',
    refId: '1',
    name: 'Deploy',
    type: 'deployManifest',
    status: 'SUCCEEDED',
    context: { replicas: 3, account: 'prod', 'deploy.server.groups': { 'us-east-1': ['app-v002'] } },
    outputs: { manifests: [{ kind: 'Deployment', metadata: { name: 'app' } }] },
  },
  'Get Info': {
    id: '01HZINFO',
    refId: '2',
    name: 'Get Info',
    type: 'findArtifactsFromResource',
    status: 'SUCCEEDED',
    context: {},
    outputs: {
      artifacts: [
        { type: 'kubernetes/configMap', reference: 'app-config-v003', name: 'app-config' },
        { type: 'docker/image', reference: 'registry.example.com/app:1.4.2', name: 'registry.example.com/app' },
        { type: 'docker/image', reference: 'registry.example.com/sidecar:0.9', name: 'registry.example.com/sidecar' },
      ],
    },
  },
  Canary: { id: '01HZCANARY', refId: '3', name: 'Canary', type: 'kayentaCanary', status: 'TERMINAL', context: { canaryScore: 62.5 }, outputs: {} },
};

export function testContext(overrides: Partial<ExpressionContext> = {}): ExpressionContext {
  return {
    variables: {
      trigger: {
        type: 'docker',
        tag: '1.4.2',
        user: 'alice',
        parameters: { env: 'staging', replicas: '4' },
        artifacts: [{ type: 'docker/image', reference: 'registry.example.com/app:1.4.2' }],
        payload: { ref: 'refs/heads/main', commits: [{ id: 'abc123' }, { id: 'def456' }] },
      },
      parameters: { env: 'staging', replicas: '4', regions: 'us-east-1,eu-west-1', enabled: 'true', empty: '', hosts: 'a.example.com' },
      execution: { id: '01HZEXEC', application: 'checkout', name: 'Deploy to staging' },
      scmInfo: { sha1: 'abc1234def5678', branch: 'main' },
      deployedServerGroups: [{ serverGroup: 'app-v002', region: 'us-east-1', account: 'prod' }],
      new_image: 'registry.example.com/app:1.4.2',
      replicas: 3,
      weights: [10, 20, 70],
      flags: { canary: true, dryRun: false },
      nothing: null,
    },
    helpers: {
      stage: (nameOrId) => Object.values(stages).find((stage) => stage.name === nameOrId || stage.id === nameOrId),
      stageByRefId: (refId) => Object.values(stages).find((stage) => stage.refId === refId),
      judgment: (name) => (name === 'Approve' ? 'Continue' : undefined),
      pipelineId: (name) => (name === 'Deploy to prod' ? '7f1c2a9e-prod' : undefined),
      triggerResolvedArtifact: (name) => (name === 'registry.example.com/app' ? { type: 'docker/image', name, reference: `${name}:1.4.2` } : undefined),
      triggerResolvedArtifactByType: (type) => (type === 'docker/image' ? { type, name: 'registry.example.com/app', reference: 'registry.example.com/app:1.4.2' } : undefined),
      currentUser: () => 'alice',
    },
    ...overrides,
  };
}
