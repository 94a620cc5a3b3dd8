import fc from 'fast-check';
import type { ApiRoute } from '../runner/api-routes';
import { pushPayload } from '../github/payloads';
import { ACCOUNT, APP, callers, canaryConfig, NAMESPACE, retrospectiveRequest, type Caller, type FuzzState } from './fuzz-world';

/**
 * What the R5 fuzzer sends. Every route discovered in app/api is fuzzed; a route that takes a body
 * must have a valid seed body here (a test fails otherwise), which near-valid mutations start from so
 * the fuzzer reaches the deep validation, not only "must be an object".
 */
export type Seed = (state: FuzzState) => unknown;

const pipe = (state: FuzzState, i = 0) => state.pipelines[i] ?? { id: 'none', name: 'none' };
const retroSide = (scope: string) => ({ scope, location: 'x', start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z', step: 60 });

const pipelineTemplate = (id: string) => ({
  id,
  schema: 'v2',
  metadata: { name: 'R5 template', scopes: [APP] },
  variables: [{ name: 'wait', type: 'int', defaultValue: 1, description: 'seconds' }],
  pipeline: { triggers: [], parameterConfig: [{ name: 'env', default: 'dev' }], stages: [{ refId: 'w', requisiteStageRefIds: [], type: 'wait', name: 'Wait', waitTime: '${templateVariables.wait}' }] },
});

export const seeds: Record<string, Seed> = {
  'POST /api/v1/applications': () => ({ name: 'fuzz-new', ownerEmail: 'new@example.com', description: 'made by R5', permissions: { READ: ['viewers'], WRITE: ['developers'], EXECUTE: [] } }),
  'PATCH /api/v1/applications/[name]': () => ({ description: 'changed by R5' }),
  'POST /api/v1/tokens': () => ({ name: 'r5 token', roles: ['developers'], expiresInDays: 7 }),
  'POST /api/v1/applications/[name]/pipelines': () => ({ pipeline: { name: 'R5 new', stages: [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Wait', waitTime: 5 }], parameterConfig: [{ name: 'env', default: 'dev' }] } }),
  'PUT /api/v1/applications/[name]/pipelines/[id]': (s) => ({ pipeline: { id: pipe(s).id, name: pipe(s).name, stages: [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Wait', waitTime: '${parameters.seconds}' }] }, expectedVersion: 1 }),
  'PATCH /api/v1/applications/[name]/pipelines/[id]': () => ({ expectedVersion: 1, disabled: false }),
  'POST /api/v1/applications/[name]/pipelines/reorder': (s) => ({ ids: s.pipelines.map((p) => p.id) }),
  'POST /api/v1/applications/[name]/pipelines/import': () => ({ input: { application: APP, pipelines: [{ name: 'Imported', stages: [{ refId: '1', type: 'wait', name: 'W', waitTime: 1 }] }] }, dryRun: true }),
  'POST /api/v1/applications/[name]/pipelines/[id]/revisions/[version]/restore': () => ({ expectedVersion: 1 }),
  'POST /api/v1/applications/[name]/pipelines/[id]/executions': () => ({ parameters: { env: 'dev', replicas: 2, dryRun: false }, artifacts: [{ type: 'docker/image', name: 'acme/shop', reference: 'acme/shop:1.2.3' }] }),
  'POST /api/v1/pipelines/validate': (s) => ({ pipeline: { name: 'Check', stages: [{ refId: '1', type: 'evaluateVariables', name: 'Vars', variables: [{ key: 'x', value: "${#stage('Wait').status}" }] }, { refId: '2', requisiteStageRefIds: ['1'], type: 'pipeline', name: 'Child', application: APP, pipeline: pipe(s).id }] }, application: APP }),
  'POST /api/v1/applications/[name]/canary-configs': () => ({ config: canaryConfig('r5-new') }),
  'PUT /api/v1/applications/[name]/canary-configs/[id]': () => ({ config: canaryConfig('latency'), expectedVersion: 1 }),
  'POST /api/v1/demo/push': () => ({ profile: 'healthy' }), // 404 outside demo mode, as the fuzz world runs
  'POST /api/v1/canary/judge': () => ({ config: canaryConfig('judge'), metricSetPairs: [{ name: 'latency', values: { control: [1, 2, 3, 4], experiment: [1, 2, 3, 5] } }], thresholds: { pass: 75, marginal: 50 } }),
  'POST /api/v1/canary/plan': () => ({ stage: { canaryConfig: { canaryConfigId: 'c', lifetimeDuration: 'PT1H', beginCanaryAnalysisAfterMins: '5', scopes: [{ controlScope: 'baseline', experimentScope: 'canary' }] } } }),
  'POST /api/v1/canary/analyses': () => retrospectiveRequest(),
  'POST /api/v1/canary/aa-check': () => ({ application: APP, canaryConfig: canaryConfig('aa'), metricsAccountName: 'metrics', scope: 'canary', start: '2026-01-01T00:00:00Z', end: '2026-01-01T02:00:00Z', lifetimeMinutes: 20, intervalMinutes: 5, step: 60 }),
  'POST /api/v1/canary/preview': () => ({ application: APP, metricsAccountName: 'metrics', metric: canaryConfig('preview').metrics[0], scope: 'canary', start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z' }),
  'POST /api/v1/accounts/[name]/dry-run': () => ({ namespace: NAMESPACE, manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'r5' }, data: { a: 'b' } }] }),
  'POST /api/v1/executions/[id]/cancel': () => ({ reason: 'R5 says stop' }),
  'POST /api/v1/executions/[id]/stages/[stageId]/judgment': () => ({ judgment: 'continue', input: 'ship' }),
  'POST /api/v1/executions/[id]/stages/[stageId]/skip': () => ({ reason: 'R5 skips it' }),
  'POST /api/v1/applications/[name]/pipelines/[id]/triggers/[trigger]/secret': () => ({ secret: 'r5-rotated-secret', expectedVersion: 1 }),
  'POST /api/gate/tasks': () => ({ application: APP, description: 'Create', job: [{ type: 'createApplication', application: { name: 'fuzz-gate-two', email: 'g@example.com', permissions: { READ: ['viewers'] } } }] }),
  'POST /api/gate/pipelines': (s) => ({ application: APP, name: 'Gate saved', id: pipe(s, 0).id, stages: [{ refId: '1', type: 'wait', name: 'Wait', waitTime: 1 }], triggers: [] }),
  'POST /api/gate/pipelines/[first]/[second]': () => ({ type: 'manual', parameters: { env: 'dev' }, artifacts: [] }),
  'PATCH /api/gate/pipelines/[first]/stages/[stageId]': () => ({ judgmentStatus: 'continue', judgmentInput: 'ship' }),
  'POST /api/gate/v2/canaryConfig': () => ({ ...canaryConfig('gate-canary'), applications: [APP] }),
  'PUT /api/gate/v2/canaryConfig/[id]': () => ({ ...canaryConfig('latency'), applications: [APP] }),
  'POST /api/gate/v2/canaries/canary': () => ({ canaryConfig: { ...canaryConfig('gate-retro'), applications: [APP] }, executionRequest: { scopes: { default: { controlScope: retroSide('baseline'), experimentScope: retroSide('canary') } }, thresholds: { pass: 90, marginal: 50 } } }),
  'POST /api/gate/v2/canaries/canary/[id]': () => ({ scopes: { default: { controlScope: retroSide('baseline'), experimentScope: retroSide('canary') } }, thresholds: { pass: 90, marginal: 50 } }),
  'POST /api/gate/v2/pipelineTemplates/create': () => pipelineTemplate('r5-template'),
  'POST /api/gate/v2/pipelineTemplates/update/[id]': () => pipelineTemplate('r5-template'),
  'POST /api/gate/v2/pipelineTemplates/plan': () => ({ schema: 'v2', type: 'templatedPipeline', application: APP, name: 'R5 templated', template: { artifactAccount: 'front50ArtifactCredentials', reference: 'spinnaker://r5-template:stable', type: 'front50/pipelineTemplate' }, variables: { wait: 3 }, exclude: ['triggers'], stages: [{ refId: 'x', type: 'wait', name: 'Extra', waitTime: 1, inject: { after: ['w'] } }] }),
  'POST /api/webhooks/github': () => pushPayload({ owner: 'acme', repo: 'shop', branch: 'main', after: 'a'.repeat(40) }),
  'POST /api/webhooks/docker': () => ({ push_data: { tag: '1.2.3', pusher: 'acme' }, repository: { repo_name: 'acme/shop', namespace: 'acme', name: 'shop' } }),
  'POST /api/webhooks/webhook/[source]': () => ({ artifacts: [{ type: 'docker/image', name: 'acme/shop', reference: 'acme/shop:2' }], parameters: { env: 'prod' } }),
};

/** Routes whose body is ignored: fuzzed with arbitrary bodies only. */
export const bodiless = (route: ApiRoute) => !['POST', 'PUT', 'PATCH'].includes(route.method) || !(route.key in seeds);

/** Routes the fuzzer leaves alone, and why. */
export const excluded: Record<string, string> = {
  'DELETE /api/v1/me/sessions': 'signs the fuzzing callers out everywhere (no body, no parameters to fuzz)',
  'GET /api/auth/[...nextauth]': 'next-auth’s own OAuth endpoints (covered by e2e/api.spec.ts)',
  'POST /api/auth/[...nextauth]': 'next-auth’s own OAuth endpoints (covered by e2e/api.spec.ts)',
};

/** The values a route parameter takes: real ones from the world (most of the time) or hostile ones. */
function realValues(route: ApiRoute, param: string, s: FuzzState): string[] {
  const before = route.pattern.split('/').at(route.pattern.split('/').indexOf(`[${param}]`) - 1) ?? '';
  const executionRoute = route.pattern.includes('/executions/[id]') || route.pattern.includes('/pipelines/[id]/cancel') || (route.pattern.startsWith('/api/gate/pipelines/[first]') && !route.pattern.includes('[second]'));
  if (param === 'stageId') return s.execution.stageIds;
  if (param === 'version') return ['1', '2'];
  if (param === 'trigger') return ['0', '1', '2'];
  if (param === 'source') return [APP, 'other'];
  if (param === 'account') return [ACCOUNT];
  if (param === 'path') return ['no/such', 'v1/nothing'];
  if (param === 'second') return s.pipelines.flatMap((p) => [p.id, p.name]);
  if (param === 'first') return executionRoute ? [s.execution.id] : [APP];
  if (param === 'name' && before === 'accounts') return [ACCOUNT];
  if (param === 'name' && before === 'pipelineConfigs') return s.pipelines.map((p) => p.name);
  if (param === 'name' || param === 'app' || param === 'application') return [APP];
  if (param !== 'id') return [];
  if (executionRoute) return [s.execution.id];
  if (before === 'pipelines') return s.pipelines.map((p) => p.id);
  if (before === 'canary-configs' || before === 'canaryConfig') return [s.canaryConfigId];
  if (before === 'tokens') return [s.tokenId];
  if (before === 'pipelineTemplates' || before === 'update') return ['r5-template'];
  if (before === 'tasks') return [s.taskId];
  // POST /v2/canaries/canary/{id} starts a run of a stored config; GET reads a run.
  if (before === 'canary' && route.method === 'POST') return [s.canaryConfigId];
  if (before === 'canary' || before === 'analyses') return [s.analysisId];
  return [];
}

const hostile = fc.oneof(
  fc.constantFrom('', ' ', '..', '%', '%00', '0', '-1', '1e309', 'null', '__proto__', 'constructor', '{application}', "' OR 1=1 --", '\u0000', '😀', 'a'.repeat(300), '00000000-0000-0000-0000-000000000000'),
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 12, unit: 'binary' }),
);

export interface ParamChoice {
  pick: number;
  useHostile: boolean;
  hostile: string;
}

export const paramChoice: fc.Arbitrary<ParamChoice> = fc.record({ pick: fc.nat(), useHostile: fc.nat({ max: 99 }).map((n) => n < 15), hostile });

/** Fills a route's parameters; DELETE gets only hostile values, so the world's resources survive the run. */
export function chooseParams(route: ApiRoute, s: FuzzState, choices: ParamChoice[]): Record<string, string | string[]> {
  const names = [...route.pattern.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1] ?? '');
  const params: Record<string, string | string[]> = {};
  names.forEach((name, i) => {
    const choice = choices[i % Math.max(choices.length, 1)] ?? { pick: 0, useHostile: true, hostile: 'x' };
    const real = realValues(route, name, s);
    const value = choice.useHostile || route.method === 'DELETE' || real.length === 0 ? choice.hostile : (real[choice.pick % real.length] ?? choice.hostile);
    params[name] = route.pattern.includes(`[...${name}]`) ? value.split('/') : value;
  });
  return params;
}

export { callers, type Caller };
