/**
 * Every API route that exists × every kind of caller → the status it must answer. Routes are
 * discovered from the app/api tree, so a new route without an entry here fails this test.
 */
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApiRoute, discoverApiRoutes } from '@/e2e/runner/api-routes';
import { testOrigin, testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { extendTestConfig } from '@/e2e/runner/test-config';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { readPrometheus } from '@/lib/world/endpoints';
import { generateToken } from '@/lib/auth/token-format';
import { insertApiToken } from '@/lib/db/api-tokens';
import { createApplication } from '@/lib/db/applications';
import { findCanaryAnalysis, insertCanaryAnalysis } from '@/lib/db/canary-analyses';
import { findCanaryConfigById, insertCanaryConfig } from '@/lib/db/canary-configs';
import { insertGateTask } from '@/lib/db/gate-tasks';
import { findPipeline, insertPipeline } from '@/lib/db/pipelines';
import { saveTemplateVersion } from '@/lib/db/pipeline-templates';
import { getPool } from '@/lib/db/pool';
import { pipelineCompletedJob } from '@/lib/triggers/pipeline-completed';
import { startExecution } from '@/lib/engine/start-execution';
import { listTriggerAttempts } from '@/lib/db/trigger-attempts';

useTestDatabase();
useAuthConfig(
  { admin: ['admins'], createApplication: ['writers'] },
  {},
  {
    accounts: [
      { name: 'matrix-acct', namespaces: ['matrix'], permissions: { READ: ['viewers'], WRITE: ['writers'] } },
      { name: 'hidden-acct', permissions: { READ: ['hiders'], WRITE: ['hiders'] } },
    ],
  },
);

const identities = ['anonymous', 'viewer', 'writer', 'executor', 'admin', 'reducedToken', 'expiredToken', 'tamperedCookie', 'expiredCookie'] as const;
type Identity = (typeof identities)[number];
type Expect = Record<Identity, number>;

interface Case {
  /** Checked over real HTTP elsewhere instead (the handler needs Next's request scope); says where. */
  overHttp?: string;
  params?: (who: Identity) => Promise<Record<string, string | string[]>> | Record<string, string | string[]>;
  body?: (who: Identity) => unknown;
  query?: string;
  /** The answer is a stream (SSE): check the status, then cancel it. */
  stream?: boolean;
  expect?: Expect;
}

const everyone = (status: number): Expect => Object.fromEntries(identities.map((i) => [i, status])) as Expect;
const signedIn = (status: number, overrides: Partial<Expect> = {}): Expect => ({ ...everyone(status), anonymous: 401, expiredToken: 401, tamperedCookie: 401, expiredCookie: 401, ...overrides });

const app = { READ: ['viewers'], WRITE: ['writers'], EXECUTE: ['executors'] };
let counter = 0;
const fresh = (prefix: string) => `${prefix}-${(counter++).toString(36)}`;
const roleOf: Record<Identity, string> = { anonymous: 'viewers', viewer: 'viewers', writer: 'writers', executor: 'executors', admin: 'admins', reducedToken: 'developers', expiredToken: 'developers', tamperedCookie: 'admins', expiredCookie: 'admins' };

const cases: Record<string, Case> = {
  'GET /api/[...path]': { params: () => ({ path: ['no', 'such'] }), expect: everyone(404) },
  'POST /api/[...path]': { params: () => ({ path: ['no', 'such'] }), expect: everyone(404) },
  'PUT /api/[...path]': { params: () => ({ path: ['no', 'such'] }), expect: everyone(404) },
  'PATCH /api/[...path]': { params: () => ({ path: ['no', 'such'] }), expect: everyone(404) },
  'DELETE /api/[...path]': { params: () => ({ path: ['no', 'such'] }), expect: everyone(404) },
  'GET /api/auth/[...nextauth]': { overHttp: 'e2e/api.spec.ts "next-auth endpoints"' },
  'POST /api/auth/[...nextauth]': { overHttp: 'e2e/api.spec.ts "next-auth endpoints"' },
  'GET /api/health': { expect: everyone(200) },
  'GET /api/health/live': { expect: everyone(200) },
  'GET /api/metrics': { expect: everyone(200) },
  'GET /api/v1/me': { expect: signedIn(200) },
  // Outside `npm run demo` there is no world: 404 to whoever is signed in (world.int.test.ts covers demo mode).
  'GET /api/v1/demo/world': { expect: signedIn(404) },
  'DELETE /api/v1/me/sessions': { expect: signedIn(204) },
  'GET /api/v1/me/judgments': { expect: signedIn(200) },
  'GET /api/v1/applications': { expect: signedIn(200) },
  'POST /api/v1/applications': {
    body: () => ({ name: fresh('created'), ownerEmail: 'a@example.com', permissions: app }),
    expect: signedIn(403, { writer: 201, admin: 201 }),
  },
  'GET /api/v1/applications/[name]': { params: () => ({ name: 'matrix' }), expect: signedIn(200, { reducedToken: 404 }) },
  'PATCH /api/v1/applications/[name]': { params: () => ({ name: 'matrix' }), body: () => ({ description: 'changed' }), expect: signedIn(403, { writer: 200, admin: 200, reducedToken: 404 }) },
  'DELETE /api/v1/applications/[name]': {
    params: async () => {
      const name = fresh('doomed');
      await createApplication({ name, ownerEmail: 'a@example.com', description: '', permissions: app });
      return { name };
    },
    expect: signedIn(403, { writer: 204, admin: 204, reducedToken: 404 }),
  },
  'GET /api/v1/tokens': { expect: signedIn(200) },
  'POST /api/v1/tokens': {
    body: (who) => ({ name: 'matrix', roles: [roleOf[who]], expiresInDays: 1 }),
    expect: signedIn(201, { reducedToken: 403 }),
  },
  'DELETE /api/v1/tokens/[id]': {
    // A token of the viewer: its owner and admins may revoke it; for anyone else it does not exist.
    params: async () => {
      const { id, secretHash } = generateToken();
      await insertApiToken({ id, name: 'victim', owner: 'vic', roles: ['viewers'], secretHash, expiresAt: new Date(Date.now() + 86_400_000) });
      return { id };
    },
    expect: signedIn(404, { viewer: 200, admin: 200 }),
  },
  'GET /api/v1/audit': { expect: signedIn(200) },
};

/** Every secret the matrix stores starts with this; no answer to anyone may contain it. */
const SECRET = 'matrix-secret-';
// The trigger is disabled, so WRITE alone may save the pipeline (a live trigger would need EXECUTE too).
const pipe = { id: 'matrix-pipe', name: 'Matrix pipe', stages: [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'W', waitTime: 1 }], triggers: [{ type: 'webhook', enabled: false, source: 'matrix', secret: `${SECRET}hook` }] };
const version = async () => (await findPipeline(pipe.id))?.version ?? 1;
const freshPipeline = async () => {
  const id = fresh('pipe');
  await insertPipeline({ id, application: 'matrix', name: id, config: { ...pipe, id, name: id, application: 'matrix' }, disabled: false, locked: false, by: 'test', action: 'create' });
  return id;
};
const p = (extra: Record<string, string> = {}) => ({ name: 'matrix', id: pipe.id, ...extra });
const P = '/api/v1/applications/[name]/pipelines';
const readers = (ok: number) => signedIn(ok, { reducedToken: 404 });
const writers = (ok: number) => signedIn(403, { writer: ok, admin: ok, reducedToken: 404 });

Object.assign(cases, {
  [`GET ${P}`]: { params: () => ({ name: 'matrix' }), expect: readers(200) },
  [`POST ${P}`]: { params: () => ({ name: 'matrix' }), body: () => ({ pipeline: { ...pipe, id: undefined, name: fresh('created-pipe') } }), expect: writers(201) },
  [`GET ${P}/[id]`]: { params: () => p(), expect: readers(200) },
  [`PUT ${P}/[id]`]: { params: () => p(), body: async () => ({ pipeline: pipe, expectedVersion: await version() }), expect: writers(200) },
  [`PATCH ${P}/[id]`]: { params: () => p(), body: async () => ({ expectedVersion: await version(), name: fresh('renamed') }), expect: writers(200) },
  [`DELETE ${P}/[id]`]: { params: async () => ({ name: 'matrix', id: await freshPipeline() }), expect: writers(204) },
  [`GET ${P}/[id]/revisions`]: { params: () => p(), expect: readers(200) },
  [`GET ${P}/[id]/revisions/[version]`]: { params: () => p({ version: '1' }), expect: readers(200) },
  [`POST ${P}/[id]/revisions/[version]/restore`]: { params: () => p({ version: '1' }), body: async () => ({ expectedVersion: await version() }), expect: writers(200) },
  [`POST ${P}/[id]/triggers/[trigger]/secret`]: { params: () => p({ trigger: '0' }), body: async () => ({ secret: fresh(`${SECRET}rotated`), expectedVersion: await version() }), expect: writers(200) },
  [`POST ${P}/reorder`]: { params: () => ({ name: 'matrix' }), body: () => ({ ids: [pipe.id] }), expect: writers(204) },
  [`POST ${P}/import`]: { params: () => ({ name: 'matrix' }), body: () => ({ input: [{ ...pipe, id: undefined, name: 'imported' }], dryRun: true }), expect: readers(200) },
  'POST /api/v1/pipelines/validate': { body: () => ({ pipeline: pipe }), expect: signedIn(200) },
  'GET /api/v1/schemas/pipeline.json': { expect: everyone(200) },
  'GET /api/v1/openapi.json': { expect: everyone(200) },
  'GET /api/gate/version': { expect: everyone(200) },
  'GET /api/gate/login': { expect: signedIn(200) },
  'POST /api/gate/login': { expect: signedIn(200) },
  'GET /api/gate/auth/user': { expect: signedIn(200) },
  'GET /api/gate/applications': { expect: signedIn(200) },
  'GET /api/gate/applications/[app]': { params: () => ({ app: 'matrix' }), expect: readers(200) },
  'GET /api/gate/applications/[app]/pipelineConfigs': { params: () => ({ app: 'matrix' }), expect: readers(200) },
  'GET /api/gate/applications/[app]/pipelineConfigs/[name]': { params: async () => ({ app: 'matrix', name: (await findPipeline(pipe.id))?.name ?? '' }), expect: readers(200) },
  // Gate answers 200 with a task; whether the job was allowed is the task's status (tested elsewhere).
  'POST /api/gate/tasks': { body: () => ({ job: [{ type: 'createApplication', application: { name: fresh('gate-app'), email: 'g@example.com' } }] }), expect: signedIn(200) },
  'GET /api/gate/tasks/[id]': {
    params: async () => {
      const id = fresh('task');
      await insertGateTask({ id, application: 'matrix', description: 'd', status: 'SUCCEEDED', steps: [], createdBy: 'wes' });
      return { id };
    },
    expect: readers(200),
  },
  'POST /api/gate/pipelines': { body: () => ({ ...pipe, id: undefined, application: 'matrix', name: fresh('gate-pipe') }), expect: writers(200) },
  'DELETE /api/gate/pipelines/[first]/[second]': { params: async () => ({ first: 'matrix', second: await freshPipeline() }), expect: writers(200) },
  'GET /api/gate/credentials': { expect: signedIn(200) },
  // Fiat: account WRITE does not imply READ.
  'GET /api/gate/credentials/[account]': { params: () => ({ account: 'matrix-acct' }), expect: signedIn(404, { viewer: 200, admin: 200 }) },
  'GET /api/v1/accounts': { expect: signedIn(200) },
  'GET /api/v1/accounts/[name]': { params: () => ({ name: 'matrix-acct' }), expect: signedIn(404, { viewer: 200, admin: 200 }) },
  'GET /api/v1/accounts/[name]/namespaces': { params: () => ({ name: 'matrix-acct' }), expect: signedIn(404, { viewer: 200, admin: 200 }) },
  // Dry-run needs READ (else 404) and WRITE (else 403); the matrix account's placeholder kubeconfig names no
  // cluster, so an allowed caller gets 503 here (verdicts are tested against a real cluster in accounts.int.test.ts).
  'POST /api/v1/accounts/[name]/dry-run': {
    params: () => ({ name: 'matrix-acct' }),
    body: () => ({ manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm' } }], namespace: 'matrix' }),
    expect: signedIn(404, { viewer: 403, admin: 503 }),
  },
} satisfies Record<string, Case>);

const judged = { id: 'matrix-judged', name: 'Matrix judged', stages: [{ refId: '1', requisiteStageRefIds: [], type: 'manualJudgment', name: 'Approve' }] };
/** The one stage type that may be skipped by hand: a pipeline stage marked skippable (Orca). */
const skippable = { id: 'matrix-skippable', name: 'Matrix skippable', stages: [{ refId: '1', requisiteStageRefIds: [], type: 'pipeline', name: 'Child', application: 'matrix', pipeline: pipe.id, skippable: true }] };
type State = { execution: string; stage: string };
/** A new execution of a matrix pipeline, forced into a state (no worker runs in this file). */
async function freshExecution(state: State, pipelineId = pipe.id): Promise<{ id: string; stageId: string }> {
  const outcome = await startExecution({ pipelineId, source: 'manual', authentication: { user: 'test', roles: ['executors'] }, trigger: { type: 'manual', user: 'test' } });
  if (!('executionId' in outcome)) throw new Error(`matrix execution not started: ${outcome.kind}`);
  const id = outcome.executionId;
  await getPool().query('UPDATE executions SET status = $2 WHERE id = $1', [id, state.execution]);
  const { rows } = await getPool().query<{ id: string }>('UPDATE stage_executions SET status = $2 WHERE execution_id = $1 RETURNING id', [id, state.stage]);
  return { id, stageId: rows[0]?.id ?? '' };
}
const running = { execution: 'RUNNING', stage: 'RUNNING' };
const E = '/api/v1/executions/[id]';
const G = '/api/gate/pipelines/[first]';
const executors = (ok: number) => signedIn(403, { executor: ok, admin: ok, reducedToken: 404 });
const onExecution = (state: State, pipelineId?: string) => async () => {
  const { id, stageId } = await freshExecution(state, pipelineId);
  return { id, first: id, stageId };
};

const kubePipe = { id: 'matrix-kube', name: 'Matrix kube', stages: [{ refId: '1', requisiteStageRefIds: [], type: 'deployManifest', name: 'Deploy', account: 'matrix-acct', manifests: [] }] };
/** An execution whose deploy stage has not reported objects yet: the route checks access without reaching a cluster. */
const onKubeExecution = async () => {
  if (!(await findPipeline(kubePipe.id))) await insertPipeline({ id: kubePipe.id, application: 'matrix', name: kubePipe.name, config: { ...kubePipe, application: 'matrix' }, disabled: false, locked: false, by: 'test', action: 'create' });
  return onExecution(running, kubePipe.id)();
};

Object.assign(cases, {
  'POST /api/webhooks/github': { body: () => ({}), expect: everyone(400) },
  'POST /api/webhooks/docker': { body: () => ({}), expect: everyone(400) },
  'POST /api/webhooks/webhook/[source]': { params: () => ({ source: 'matrix' }), body: () => ({}), expect: everyone(202) },
  'GET /api/v1/trigger-attempts': { expect: signedIn(200) },
  'GET /api/v1/events': { query: '?application=matrix', stream: true, expect: readers(200) },
  [`POST ${P}/[id]/executions`]: { params: () => p(), body: () => ({ parameters: {} }), expect: executors(202) },
  'GET /api/v1/executions': { expect: signedIn(200) },
  [`GET ${E}`]: { params: onExecution(running), expect: readers(200) },
  [`GET ${E}/stages/[stageId]`]: { params: onExecution(running), expect: readers(200) },
  [`DELETE ${E}`]: { params: onExecution({ execution: 'SUCCEEDED', stage: 'SUCCEEDED' }), expect: executors(204) },
  [`POST ${E}/cancel`]: { params: onExecution(running), body: () => ({ reason: 'matrix' }), expect: executors(204) },
  [`POST ${E}/pause`]: { params: onExecution(running), expect: executors(204) },
  [`POST ${E}/resume`]: { params: onExecution({ execution: 'PAUSED', stage: 'PAUSED' }), expect: executors(204) },
  [`POST ${E}/stages/[stageId]/restart`]: { params: onExecution({ execution: 'TERMINAL', stage: 'TERMINAL' }), expect: executors(204) },
  [`POST ${E}/stages/[stageId]/skip-wait`]: { params: onExecution(running), expect: executors(204) },
  [`POST ${E}/stages/[stageId]/skip`]: { params: onExecution(running, skippable.id), body: () => ({ reason: 'matrix' }), expect: executors(204) },
  // READ on the application and on the stage's account (matrix-acct: viewers); WRITE or EXECUTE do not imply it.
  [`GET ${E}/stages/[stageId]/kubernetes`]: { params: onKubeExecution, expect: signedIn(403, { viewer: 200, admin: 200, reducedToken: 404 }) },
  // Accounts the caller may not read are left out (200); the placeholder account's failure is reported per list.
  'GET /api/v1/applications/[name]/infrastructure': { params: () => ({ name: 'matrix' }), expect: readers(200) },
  [`POST ${E}/stages/[stageId]/judgment`]: { params: onExecution(running, judged.id), body: () => ({ judgment: 'continue' }), expect: executors(204) },
  'GET /api/gate/executions': { expect: signedIn(200) },
  'GET /api/gate/applications/[app]/pipelines': { params: () => ({ app: 'matrix' }), expect: readers(200) },
  'PUT /api/gate/applications/[app]/pipelines/[id]/cancel': { params: async () => ({ app: '{application}', id: (await freshExecution(running)).id }), expect: executors(200) },
  'POST /api/gate/pipelines/[first]/[second]': { params: () => ({ first: 'matrix', second: pipe.id }), body: () => ({ type: 'manual' }), expect: executors(202) },
  [`GET ${G}`]: { params: onExecution(running), expect: readers(200) },
  [`DELETE ${G}`]: { params: onExecution({ execution: 'CANCELED', stage: 'CANCELED' }), expect: executors(200) },
  [`PUT ${G}/cancel`]: { params: onExecution(running), expect: executors(200) },
  [`PUT ${G}/pause`]: { params: onExecution(running), expect: executors(200) },
  [`PUT ${G}/resume`]: { params: onExecution({ execution: 'PAUSED', stage: 'PAUSED' }), expect: executors(200) },
  [`PATCH ${G}/stages/[stageId]`]: { params: onExecution(running, judged.id), body: () => ({ judgmentStatus: 'continue' }), expect: executors(200) },
  [`PUT ${G}/stages/[stageId]/restart`]: { params: onExecution({ execution: 'TERMINAL', stage: 'TERMINAL' }), expect: executors(200) },
} satisfies Record<string, Case>);

const canaryConfig = (name: string) => ({
  name,
  metrics: [{ name: 'latency', groups: ['perf'], query: { type: 'prometheus', customInlineTemplate: 'PromQL:rate(x[1m])' } }],
  classifier: { groupWeights: { perf: 100 } },
});
const freshCanaryConfig = async () => {
  const id = fresh('canary');
  await insertCanaryConfig({ id, application: 'matrix', name: id, config: canaryConfig(id), by: 'test' });
  return id;
};
const matrixCanaryId = 'matrix-canary';
const matrixCanary = async () => {
  const found = await findCanaryConfigById(matrixCanaryId);
  if (!found) await insertCanaryConfig({ id: matrixCanaryId, application: 'matrix', name: matrixCanaryId, config: canaryConfig(matrixCanaryId), by: 'test' });
  return found?.version ?? 1;
};
const C = '/api/v1/applications/[name]/canary-configs';
const onMatrixCanary = (extra: Record<string, string> = {}) => async () => {
  await matrixCanary();
  return { id: matrixCanaryId, ...extra };
};
const judgeRequest = { config: canaryConfig('judge'), metricSetPairs: [{ name: 'latency', values: { control: [1, 2, 3], experiment: [1, 2, 3] } }], thresholds: { pass: 75, marginal: 50 } };

const retroRequest = { application: 'matrix', canaryConfig: canaryConfig('retro'), metricsAccountName: 'matrix-metrics', controlScope: 'baseline', experimentScope: 'canary', start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z' };
const previewRequest = (account: string) => ({ application: 'matrix', metricsAccountName: account, metric: canaryConfig('preview').metrics[0], scope: 'canary', start: retroRequest.start, end: retroRequest.end });
const retroSide = (scope: string) => ({ scope, location: 'x', start: retroRequest.start, end: retroRequest.end, step: 60 });
const gateRetro = { canaryConfig: { ...canaryConfig('gate-retro'), applications: ['matrix'] }, executionRequest: { scopes: { default: { controlScope: retroSide('baseline'), experimentScope: retroSide('canary') } } } };
const matrixAnalysisId = 'matrix-analysis';
const matrixAnalysis = async () => {
  if (!(await findCanaryAnalysis(matrixAnalysisId))) await insertCanaryAnalysis({ id: matrixAnalysisId, application: 'matrix', configId: null, configName: 'm', status: 'COMPLETE', request: retroRequest, record: null, error: null, score: 100, createdBy: 'test' });
  return matrixAnalysisId;
};

Object.assign(cases, {
  [`GET ${C}`]: { params: () => ({ name: 'matrix' }), expect: readers(200) },
  [`POST ${C}`]: { params: () => ({ name: 'matrix' }), body: () => ({ config: canaryConfig(fresh('created-canary')) }), expect: writers(201) },
  [`GET ${C}/[id]`]: { params: onMatrixCanary({ name: 'matrix' }), expect: readers(200) },
  [`PUT ${C}/[id]`]: { params: () => ({ name: 'matrix', id: matrixCanaryId }), body: async () => ({ config: canaryConfig(matrixCanaryId), expectedVersion: await matrixCanary() }), expect: writers(200) },
  [`DELETE ${C}/[id]`]: { params: async () => ({ name: 'matrix', id: await freshCanaryConfig() }), expect: writers(204) },
  'POST /api/v1/canary/judge': { body: () => judgeRequest, expect: signedIn(200) },
  'POST /api/v1/canary/plan': { body: () => ({ stage: { canaryConfig: { canaryConfigId: 'c', lifetimeDuration: 'PT1H', scopes: [{ controlScope: 'b', experimentScope: 'c' }] } } }), expect: signedIn(200) },
  'GET /api/gate/v2/canaryConfig': { query: '?application=matrix', expect: signedIn(200) },
  'POST /api/gate/v2/canaryConfig': { body: () => ({ ...canaryConfig(fresh('gate-canary')), applications: ['matrix'] }), expect: writers(200) },
  'GET /api/gate/v2/canaryConfig/[id]': { params: onMatrixCanary(), expect: readers(200) },
  'PUT /api/gate/v2/canaryConfig/[id]': { params: onMatrixCanary(), body: () => ({ ...canaryConfig(matrixCanaryId), applications: ['matrix'] }), expect: writers(200) },
  'DELETE /api/gate/v2/canaryConfig/[id]': { params: async () => ({ id: await freshCanaryConfig() }), expect: writers(200) },
  // Running an analysis needs WRITE or EXECUTE on the application (else 403) and READ on the metrics
  // account (matrix-metrics: viewers, executors); an account the caller may not use is answered like
  // an unknown one (422 naming metricsAccountName), so account names cannot be probed.
  'POST /api/v1/canary/analyses': { body: () => retroRequest, expect: signedIn(403, { writer: 422, executor: 201, admin: 201, reducedToken: 404 }) },
  'GET /api/v1/canary/analyses': { query: '?application=matrix', expect: signedIn(200) },
  'GET /api/v1/canary/analyses/[id]': { params: async () => ({ id: await matrixAnalysis() }), expect: readers(200) },
  // Previewing needs READ on the application and on the metrics account.
  'POST /api/v1/canary/preview': { body: () => previewRequest('matrix-metrics'), expect: signedIn(200, { writer: 422, reducedToken: 404 }) },
  // Needs what a retrospective analysis needs: WRITE or EXECUTE on the application, READ on the metrics account.
  'POST /api/v1/canary/aa-check': {
    body: () => ({ application: 'matrix', canaryConfig: canaryConfig('aa-check'), metricsAccountName: 'matrix-metrics', scope: 'canary', start: retroRequest.start, end: retroRequest.end, lifetimeMinutes: 10, intervalMinutes: 5 }),
    expect: signedIn(403, { writer: 422, executor: 200, admin: 200, reducedToken: 404 }),
  },
  'POST /api/gate/v2/canaries/canary': { query: '?metricsAccountName=matrix-metrics', body: () => gateRetro, expect: signedIn(403, { writer: 422, executor: 200, admin: 200, reducedToken: 404 }) },
  'GET /api/gate/v2/canaries/canary/[id]': { params: async () => ({ id: await matrixAnalysis() }), expect: readers(200) },
  // A stored config's standalone run: the config is found first (404 to whoever may not read it), then as the adhoc run.
  'POST /api/gate/v2/canaries/canary/[id]': { params: onMatrixCanary(), query: '?metricsAccountName=matrix-metrics', body: () => gateRetro.executionRequest, expect: signedIn(403, { writer: 422, executor: 200, admin: 200, reducedToken: 404 }) },
  'GET /api/gate/v2/canaries/[application]/executions': { params: () => ({ application: 'matrix' }), query: '?limit=5', expect: readers(200) },
  // Kayenta's account listing; which accounts each caller sees is checked below.
  'GET /api/gate/v2/canaries/credentials': { expect: signedIn(200) },
  // "Push a change" exists only in `npm run demo`: 404 to whoever is signed in here (push.int.test.ts covers demo mode).
  'POST /api/v1/demo/push': { body: () => ({ profile: 'healthy' }), expect: signedIn(404) },
} satisfies Record<string, Case>);

// Pipeline templates scoped to matrix: read as matrix is, changed by who may WRITE it (global ones: admins only).
const pipelineTemplate = (id: string) => ({ id, schema: 'v2', metadata: { name: id, scopes: ['matrix'] }, variables: [{ name: 'wait', type: 'int', defaultValue: 1 }], pipeline: { stages: [{ refId: 'w', type: 'wait', name: 'Wait', waitTime: '${templateVariables.wait}' }] } });
const storedTemplate = async (id = fresh('template')) => {
  await saveTemplateVersion({ templateId: id, digest: `${id}-digest`, document: pipelineTemplate(id), scopes: ['matrix'], tags: ['latest'], by: 'test' });
  return id;
};
const T = '/api/gate/v2/pipelineTemplates';
Object.assign(cases, {
  [`GET ${T}`]: { query: '?scopes=matrix', expect: signedIn(200) },
  [`POST ${T}/create`]: { body: () => pipelineTemplate(fresh('created-template')), expect: signedIn(403, { writer: 202, admin: 202 }) },
  [`POST ${T}/update/[id]`]: { params: async () => ({ id: await storedTemplate('matrix-template') }), body: () => pipelineTemplate('matrix-template'), expect: writers(202) },
  // A template the caller may not read resolves like a missing one: 422 naming template.reference.
  [`POST ${T}/plan`]: {
    params: async () => ({ id: await storedTemplate('matrix-plan') }),
    body: () => ({ schema: 'v2', application: 'matrix', name: 'Planned', template: { reference: 'spinnaker://matrix-plan', type: 'front50/pipelineTemplate' }, variables: { wait: 2 } }),
    expect: signedIn(200, { reducedToken: 422 }),
  },
  [`GET ${T}/[id]`]: { params: async () => ({ id: await storedTemplate('matrix-read') }), expect: readers(200) },
  [`DELETE ${T}/[id]`]: { params: async () => ({ id: await storedTemplate() }), expect: writers(202) },
  [`GET ${T}/[id]/dependentPipelines`]: { params: async () => ({ id: await storedTemplate('matrix-read') }), expect: readers(200) },
} satisfies Record<string, Case>);

// Run "sign out everywhere" last: it ends the sessions the other cases use.
const order = (key: string) => (key === 'DELETE /api/v1/me/sessions' ? 1 : 0);

const routes = discoverApiRoutes().sort((a, b) => order(a.key) - order(b.key) || a.key.localeCompare(b.key));
/**
 * How each identity authenticates, made at each call: the test directory does not hold these users,
 * so a session cookie older than the LDAP refresh interval (60 s) would lose its groups, and on a
 * loaded machine the matrix takes longer than that.
 */
const credentials = new Map<Identity, () => Promise<Record<string, string>>>();
const credentialsOf = async (who: Identity): Promise<Record<string, string>> => (await credentials.get(who)?.()) ?? {};

/**
 * Two metrics accounts on the test world's Prometheus (allowed for metrics only): matrix-metrics for
 * viewers and executors, matrix-metrics-admins with no READ roles (default deny: administrators only).
 */
function addMetricsAccounts(): void {
  const { url } = readPrometheus();
  const accounts = [
    { name: 'matrix-metrics', url, permissions: { READ: ['viewers', 'executors'] } },
    { name: 'matrix-metrics-admins', url },
  ];
  extendTestConfig({ prometheus: { egress: { allow: ['127.0.0.1'] }, accounts } });
}

beforeAll(async () => {
  addMetricsAccounts();
  await createApplication({ name: 'matrix', ownerEmail: 'm@example.com', description: '', permissions: app });
  await insertPipeline({ id: pipe.id, application: 'matrix', name: pipe.name, config: { ...pipe, application: 'matrix' }, disabled: false, locked: false, by: 'test', action: 'create' });
  await insertPipeline({ id: judged.id, application: 'matrix', name: judged.name, config: { ...judged, application: 'matrix' }, disabled: false, locked: false, by: 'test', action: 'create' });
  await insertPipeline({ id: skippable.id, application: 'matrix', name: skippable.name, config: { ...skippable, application: 'matrix' }, disabled: false, locked: false, by: 'test', action: 'create' });
  const cookie = (login: string, groups: string[], maxAge?: number) => async () => ({ cookie: cookieHeader(await sessionCookie({ login, groups, secret: testSecret, maxAge })) });
  credentials.set('anonymous', async () => ({}));
  credentials.set('viewer', cookie('vic', ['viewers']));
  credentials.set('writer', cookie('wes', ['writers']));
  credentials.set('executor', cookie('exa', ['executors']));
  credentials.set('admin', cookie('ada', ['admins']));
  credentials.set('expiredCookie', cookie('ada', ['admins'], -120));
  credentials.set('tamperedCookie', async () => {
    const admin = (await cookie('ada', ['admins'])()).cookie;
    const middle = Math.floor(admin.length / 2);
    return { cookie: admin.slice(0, middle) + (admin[middle] === 'A' ? 'B' : 'A') + admin.slice(middle + 1) };
  });
  // alice (admins, developers in LDAP) hands a token only `developers`.
  const reduced = generateToken();
  await insertApiToken({ id: reduced.id, name: 'reduced', owner: 'alice', roles: ['developers'], secretHash: reduced.secretHash, expiresAt: new Date(Date.now() + 86_400_000) });
  credentials.set('reducedToken', async () => ({ authorization: `Bearer ${reduced.token}` }));
  const expired = generateToken();
  await insertApiToken({ id: expired.id, name: 'expired', owner: 'alice', roles: ['admins'], secretHash: expired.secretHash, expiresAt: new Date(Date.now() - 1000) });
  credentials.set('expiredToken', async () => ({ authorization: `Bearer ${expired.token}` }));
});

/** Security review 13.7: references resolve only against what the caller may read. */
describe('cross-application references', () => {
  const hidden = { id: 'hidden-pipe', name: 'Hidden deploy' };
  const shared = { id: 'shared-pipe', name: 'Shared build' };
  beforeAll(async () => {
    await createApplication({ name: 'hidden', ownerEmail: 'h@example.com', description: '', permissions: { READ: ['hiders'], WRITE: ['hiders'], EXECUTE: ['hiders'] } });
    await insertPipeline({ id: hidden.id, application: 'hidden', name: hidden.name, config: { ...pipe, ...hidden, application: 'hidden' }, disabled: false, locked: false, by: 'test', action: 'create' });
    // Readable by every role that may read matrix (viewers, writers, executors).
    await createApplication({ name: 'shared', ownerEmail: 's@example.com', description: '', permissions: { READ: ['viewers', 'writers', 'executors'], WRITE: ['hiders'], EXECUTE: ['hiders'] } });
    await insertPipeline({ id: shared.id, application: 'shared', name: shared.name, config: { ...pipe, ...shared, application: 'shared' }, disabled: false, locked: false, by: 'test', action: 'create' });
  });

  const post = async (url: string, who: Identity, body: unknown, method = 'POST') => {
    const req = new NextRequest(`${testOrigin}${url}`, { method, headers: { origin: testOrigin, 'content-type': 'application/json', ...(await credentialsOf(who)) }, body: JSON.stringify(body) });
    return req;
  };
  const validate = async (who: Identity, pipeline: Record<string, unknown>) => {
    const { POST } = await import('./v1/pipelines/validate/route');
    const res = await POST(await post('/api/v1/pipelines/validate', who, { pipeline }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { issues: { path: string; message: string; severity: string }[] }).issues;
  };
  const probing = {
    ...pipe,
    id: 'probe',
    application: 'matrix',
    stages: [
      { refId: '1', requisiteStageRefIds: [], type: 'pipeline', name: 'By id', application: 'matrix', pipeline: hidden.id },
      { refId: '2', requisiteStageRefIds: [], type: 'pipeline', name: 'By name', application: 'hidden', pipeline: hidden.name },
      { refId: '3', requisiteStageRefIds: [], type: 'deployManifest', name: 'Deploy', account: 'hidden-acct', manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }] },
    ],
  };

  it('validate names no pipeline id, application or account the caller may not read', async () => {
    const issues = await validate('writer', probing);
    const text = issues.map((i) => `${i.path}: ${i.message}`);
    expect(text).toContain('stages[0].pipeline: no pipeline with id "hidden-pipe" exists in application "matrix"');
    expect(text).toContain('stages[1].pipeline: no pipeline with id "Hidden deploy" exists in application "hidden"');
    expect(text).toContain('stages[2].account: account "hidden-acct" is not configured in Foresail, or you may not use it');
    // An account that does not exist answers alike.
    const missing = await validate('writer', { ...probing, stages: [{ ...probing.stages[2], account: 'no-such-acct' }] });
    expect(missing.map((i) => i.message)).toContain('account "no-such-acct" is not configured in Foresail, or you may not use it');
  });

  it('an admin, who may read everything, gets the helpful answers', async () => {
    const text = (await validate('admin', probing)).map((i) => `${i.path}: ${i.message}`);
    expect(text).toContain('stages[0].pipeline: pipeline "hidden-pipe" belongs to application "hidden", not "matrix"');
    expect(text).toContain('stages[1].pipeline: refers to pipeline "Hidden deploy" by name; use its id "hidden-pipe" (names can change)');
    expect(text.some((t) => t.startsWith('stages[2].account'))).toBe(false);
  });

  const triggered = (application: string, pipelineId: string, enabled = true) => ({ ...pipe, id: undefined, name: fresh('child'), triggers: [{ type: 'pipeline', enabled, application, pipeline: pipelineId, status: ['successful'] }] });

  it('a pipeline trigger on an application the caller may not read is an error when validating and saving', async () => {
    const issues = await validate('writer', { ...triggered('hidden', hidden.id), application: 'matrix' });
    expect(issues).toContainEqual({ path: 'triggers[0].application', severity: 'error', message: expect.stringMatching(/needs READ on the upstream application.*you may not read "hidden", or it does not exist/) });
    const nowhere = await validate('writer', { ...triggered('nowhere', 'x'), application: 'matrix' });
    expect(nowhere.find((i) => i.path === 'triggers[0].application')?.message).toMatch(/you may not read "nowhere", or it does not exist/);
    const { POST } = await import('./v1/applications/[name]/pipelines/route');
    // Disabled: enabling a trigger needs EXECUTE too (item 10a), which the writer lacks; READ on the upstream is checked either way.
    const saved = await POST(await post('/api/v1/applications/matrix/pipelines', 'writer', { pipeline: triggered('hidden', hidden.id, false) }), { params: Promise.resolve({ name: 'matrix' }) });
    expect(saved.status).toBe(422);
    expect(await saved.text()).toMatch(/triggers\[0\]\.application: a pipeline trigger needs READ on the upstream application/);
    const readable = await POST(await post('/api/v1/applications/matrix/pipelines', 'writer', { pipeline: triggered('shared', shared.id, false) }), { params: Promise.resolve({ name: 'matrix' }) });
    expect(readable.status).toBe(201);
  });

  it('when it fires, a child whose readers may not read the upstream application does not start; the refusal is logged', async () => {
    const completedIn = async (pipelineId: string) => {
      const outcome = await startExecution({ pipelineId, source: 'manual', authentication: { user: 'test', roles: ['hiders'] }, trigger: { type: 'manual', user: 'test', parameters: { token: 'upstream-only' } } });
      if (!('executionId' in outcome)) throw new Error(`upstream not started: ${outcome.kind}`);
      await getPool().query("UPDATE executions SET status = 'SUCCEEDED' WHERE id = $1", [outcome.executionId]);
      return outcome.executionId;
    };
    // Saved before the check existed (or by an admin): the fire-time check still holds.
    const blind = fresh('blind');
    await insertPipeline({ id: blind, application: 'matrix', name: blind, config: { ...triggered('hidden', hidden.id), id: blind, name: blind, application: 'matrix' }, disabled: false, locked: false, by: 'test', action: 'create' });
    const seeing = fresh('seeing');
    await insertPipeline({ id: seeing, application: 'matrix', name: seeing, config: { ...triggered('shared', shared.id), id: seeing, name: seeing, application: 'matrix' }, disabled: false, locked: false, by: 'test', action: 'create' });
    const children = async (id: string) => (await getPool().query<{ id: string }>('SELECT id FROM executions WHERE pipeline_id = $1', [id])).rows;

    await pipelineCompletedJob({ executionId: await completedIn(hidden.id) });
    expect(await children(blind)).toHaveLength(0);
    const { attempts } = await listTriggerAttempts({ pipelineId: blind, limit: 5 });
    expect(attempts[0]).toMatchObject({ source: 'pipeline', outcome: 'refused', reason: expect.stringMatching(/needs READ on it: roles viewers, writers, executors may read matrix but not hidden/) });

    await pipelineCompletedJob({ executionId: await completedIn(shared.id) });
    expect(await children(seeing)).toHaveLength(1);
  });
});

/** Calls one route handler as one caller, exactly as Next would. */
async function callRoute(key: string, who: Identity, spec: Case): Promise<Response> {
  const route = routes.find((r) => r.key === key);
  if (!route) throw new Error(`no route ${key}`);
  return callApiRoute(route, testOrigin, { params: await spec.params?.(who), query: spec.query, body: await spec.body?.(who), headers: { origin: testOrigin, ...(await credentialsOf(who)) } });
}

/** A kayentaCanary stage naming a metrics account, as the pipeline editor saves it. */
const canaryPipeline = (account: string) => ({
  name: fresh('canary-pipe'),
  stages: [{ refId: '1', requisiteStageRefIds: [], type: 'kayentaCanary', name: 'Canary', analysisType: 'realTime', canaryConfig: { canaryConfigId: matrixCanaryId, metricsAccountName: account, lifetimeDuration: 'PT1H', scopes: [{ controlScope: 'baseline', experimentScope: 'canary' }] } }],
});

// Before the route table: its last case (sign out everywhere) ends the sessions used here.
describe('authorization matrix: metrics accounts', () => {
  // Beyond the route table: the same routes with the admins-only account, and saving pipelines naming accounts.
  const extra: Record<string, Case & { route: string }> = {
    'preview with the admins-only account': { route: 'POST /api/v1/canary/preview', body: () => previewRequest('matrix-metrics-admins'), expect: signedIn(422, { admin: 200, reducedToken: 404 }) },
    'retrospective analysis with the admins-only account': {
      route: 'POST /api/v1/canary/analyses',
      body: () => ({ ...retroRequest, metricsAccountName: 'matrix-metrics-admins' }),
      expect: signedIn(403, { writer: 422, executor: 422, admin: 201, reducedToken: 404 }),
    },
    'retrospective analysis naming no account (two are configured)': { route: 'POST /api/v1/canary/analyses', body: () => ({ ...retroRequest, metricsAccountName: undefined }), expect: signedIn(403, { writer: 422, executor: 422, admin: 422, reducedToken: 404 }) },
    // Writers lack READ on both accounts: saving a canary stage naming either is refused (422 naming the
    // field). Validation comes before the WRITE check (as for any invalid pipeline), so callers without
    // WRITE get 403 only for a pipeline that would otherwise be valid for them.
    'saving a pipeline whose canary stage names matrix-metrics': { route: `POST ${P}`, params: () => ({ name: 'matrix' }), body: () => ({ pipeline: canaryPipeline('matrix-metrics') }), expect: signedIn(403, { writer: 422, admin: 201, reducedToken: 404 }) },
    'saving a pipeline whose canary stage names the admins-only account': { route: `POST ${P}`, params: () => ({ name: 'matrix' }), body: () => ({ pipeline: canaryPipeline('matrix-metrics-admins') }), expect: signedIn(422, { admin: 201, reducedToken: 404 }) },
    // An account the stored version already named may stay, so people can edit the rest of a pipeline someone else set up.
    'saving changes to a pipeline that already named the admins-only account': {
      route: `PUT ${P}/[id]`,
      params: async () => {
        const config = { ...canaryPipeline('matrix-metrics-admins'), id: fresh('kept'), application: 'matrix' };
        await insertPipeline({ id: config.id, application: 'matrix', name: config.name, config, disabled: false, locked: false, by: 'ada', action: 'create' });
        return { name: 'matrix', id: config.id };
      },
      body: () => ({ pipeline: { ...canaryPipeline('matrix-metrics-admins'), name: fresh('kept-renamed') }, expectedVersion: 1 }),
      expect: signedIn(403, { writer: 200, admin: 200, reducedToken: 404 }),
    },
    'saving through Gate a pipeline naming the admins-only account': { route: 'POST /api/gate/pipelines', body: () => ({ ...canaryPipeline('matrix-metrics-admins'), application: 'matrix' }), expect: signedIn(422, { admin: 200, reducedToken: 404 }) },
  };
  it.each(Object.keys(extra).flatMap((name) => identities.map((who) => [name, who] as const)))('%s as %s', async (name, who) => {
    const spec = extra[name];
    if (!spec?.expect) throw new Error(`no case ${name}`);
    const res = await callRoute(spec.route, who, spec);
    const detail = res.status === spec.expect[who] ? '' : await res.text().catch(() => '');
    expect(res.status, `${name} as ${who}: ${detail}`).toBe(spec.expect[who]);
  });

  it('an account the caller may not use is answered exactly like one that does not exist', async () => {
    const forbidden = await (await callRoute('POST /api/v1/canary/preview', 'writer', { body: () => previewRequest('matrix-metrics') })).json();
    const missing = await (await callRoute('POST /api/v1/canary/preview', 'writer', { body: () => previewRequest('matrix-metrics-nope') })).json();
    expect(forbidden).toEqual({ ...missing, message: String(missing.message).replace('matrix-metrics-nope', 'matrix-metrics'), issues: [{ path: 'metricsAccountName', message: String(missing.issues?.[0]?.message).replace('matrix-metrics-nope', 'matrix-metrics') }] });
    expect(JSON.stringify(forbidden)).not.toContain('matrix-metrics-admins');
  });

  it('Gate lists only the metrics accounts each caller may use', async () => {
    const seen: Record<string, string[]> = {};
    for (const who of ['viewer', 'writer', 'executor', 'admin'] as const) {
      const res = await callRoute('GET /api/gate/v2/canaries/credentials', who, {});
      seen[who] = ((await res.json()) as { name: string; supportedTypes: string[] }[]).map((a) => `${a.name}:${a.supportedTypes.join('+')}`);
    }
    expect(seen).toEqual({
      viewer: ['matrix-metrics:METRICS_STORE'],
      writer: [],
      executor: ['matrix-metrics:METRICS_STORE'],
      admin: ['matrix-metrics:METRICS_STORE', 'matrix-metrics-admins:METRICS_STORE'],
    });
  });
});

// Before the matrix: its last case signs everyone out everywhere.
describe('manual skip in the matrix', () => {
  const skipOf = (body: unknown): Case => ({ params: onExecution(running, judged.id), body: () => body });
  it.each(['executor', 'admin'] as const)('refuses a skip of a manual judgment to an %s (v1 and Gate), saying why', async (who) => {
    for (const [key, body] of [[`POST ${E}/stages/[stageId]/skip`, { reason: 'matrix' }], [`PATCH ${G}/stages/[stageId]`, { manualSkip: true }]] as const) {
      const res = await callRoute(key, who, skipOf(body));
      expect(res.status, key).toBe(403);
      expect(await res.text()).toMatch(/manual judgment: it cannot be skipped/);
    }
  });
});

describe('authorization matrix', () => {
  it('has an entry for every API route and no entry for a route that does not exist', () => {
    const discovered = routes.map((r) => r.key).sort();
    expect(Object.keys(cases).sort()).toEqual(discovered);
  });

  const keys = routes.filter((r) => !cases[r.key]?.overHttp).map((r) => r.key);
  it.each(keys.flatMap((key) => identities.map((who) => [key, who] as const)))('%s as %s', async (key, who) => {
    const spec = cases[key];
    if (!spec?.expect) throw new Error(`no matrix entry for ${key}: add one to authorization-matrix.int.test.ts`);
    const res = await callRoute(key, who, spec);
    if (spec.stream && res.status === 200) {
      await res.body?.cancel();
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    }
    const text = spec.stream ? '' : await res.text().catch(() => '');
    expect(res.status, `${key} as ${who}: ${res.status === spec.expect[who] ? '' : text}`).toBe(spec.expect[who]);
    // Secrets are masked in every view: no route answers anyone (READ, WRITE, admin alike) with one.
    expect(text, `${key} as ${who} answered a secret`).not.toContain(SECRET);
  });
});
