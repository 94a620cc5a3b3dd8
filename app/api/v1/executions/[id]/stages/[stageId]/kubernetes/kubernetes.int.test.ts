import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import { insertPipeline } from '@/lib/db/pipelines';
import { getPool } from '@/lib/db/pool';
import { startExecution } from '@/lib/engine/start-execution';
import { clusterClientFor, type ClusterClient } from '@/lib/kubernetes/client';
import { deploymentManifest, testAccounts, uniqueName } from '@/lib/kubernetes/testing';
import { stageKubernetesSchema, type StageKubernetesDto } from '@/lib/pipeline/kubernetes-views';
import { manifestDiffs } from '@/lib/pipeline/stage-resources';
import { deployManifest } from '@/lib/stages/kubernetes/deploy-manifest';
import { fakeClock, stageContext } from '@/lib/stages/testing';
import { GET } from './route';

// The deploy stage runs for real against the local control plane; its outputs are then stored on an
// execution's stage so the route reads the objects it touched, as the execution page does.
const cluster = testAccounts();
useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] }, {}, {
  accounts: [
    { name: 'stage-acct', kubeconfigFile: cluster.info.kubeconfigPath, context: cluster.info.adminContext, permissions: { READ: ['viewers'], WRITE: [] } },
    { name: 'stage-secret', kubeconfigFile: cluster.info.kubeconfigPath, context: cluster.info.adminContext, permissions: { READ: ['admins'], WRITE: [] } },
  ],
});

const app = uniqueName('kube').slice(0, 30);
let admin: ClusterClient;
let ns: string;
let viewer: Record<string, string>;
let blind: Record<string, string>;
let stranger: Record<string, string>;
let deployOutputs: Record<string, unknown>;
const as = async (login: string, groups: string[]) => ({ cookie: cookieHeader(await sessionCookie({ login, groups, secret: testSecret })) });

async function deployOnce(image: string): Promise<Record<string, unknown>> {
  const ctx = stageContext(deployManifest, { account: 'stage-acct', namespaceOverride: ns, manifests: [deploymentManifest('web', image, { replicas: 1 })] }, { clock: fakeClock(Date.now()), application: app, services: { kubernetes: async () => admin } });
  const result = await deployManifest.run(ctx);
  if (result.status !== 'running' || !result.outputs) throw new Error(`deploy did not start: ${JSON.stringify(result)}`);
  return result.outputs;
}

/** An execution of a one-stage pipeline whose stage looks as if it had run with `outputs`. */
async function executionWith(stage: Record<string, unknown>, outputs: Record<string, unknown>): Promise<{ id: string; stageId: string }> {
  const id = uniqueName('pipe');
  await insertPipeline({ id, application: app, name: id, config: { id, name: id, application: app, stages: [{ refId: '1', requisiteStageRefIds: [], name: 'Deploy', ...stage }] }, disabled: false, locked: false, by: 'test', action: 'create' });
  const outcome = await startExecution({ pipelineId: id, source: 'manual', authentication: { user: 'test', roles: ['viewers'] }, trigger: { type: 'manual', user: 'test' } });
  if (!('executionId' in outcome)) throw new Error(`not started: ${outcome.kind}`);
  const { rows } = await getPool().query<{ id: string }>("UPDATE stage_executions SET status = 'SUCCEEDED', outputs = $2 WHERE execution_id = $1 RETURNING id", [outcome.executionId, JSON.stringify(outputs)]);
  return { id: outcome.executionId, stageId: rows[0]?.id ?? '' };
}

const read = (headers: Record<string, string>, target: { id: string; stageId: string }) =>
  call<StageKubernetesDto>(GET, { path: `/api/v1/executions/${target.id}/stages/${target.stageId}/kubernetes`, params: target, headers });

beforeAll(async () => {
  admin = clusterClientFor(cluster.admin);
  ns = uniqueName('stagek');
  await admin.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await createApplication({ name: app, ownerEmail: 'o@example.com', description: '', permissions: { READ: ['viewers', 'blind'], WRITE: [], EXECUTE: ['viewers'] } });
  await deployOnce('registry.example/web:1.0');
  deployOutputs = await deployOnce('registry.example/web:2.0');
  viewer = await as('vic', ['viewers']);
  blind = await as('bob', ['blind']);
  stranger = await as('sam', ['strangers']);
});

describe('deploy stage diff against the live object', () => {
  it('records what changed and nothing the server wrote', () => {
    const [diff] = manifestDiffs(deployOutputs) ?? [];
    expect(diff).toMatchObject({ resource: { kind: 'Deployment', name: 'web', namespace: ns }, created: false, truncated: false });
    expect(diff?.changes).toEqual([{ path: 'spec.template.spec.containers[0].image', kind: 'changed', before: 'registry.example/web:1.0', after: 'registry.example/web:2.0' }]);
  });

  it('labels the object with the application, for the infrastructure view', async () => {
    const live = await admin.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: ns });
    expect(live.metadata?.labels).toMatchObject({ 'foresail.dev/application': app, 'app.kubernetes.io/managed-by': 'foresail' });
  });
});

describe('GET /api/v1/executions/{id}/stages/{stageId}/kubernetes', () => {
  it('reads the live status and events of what the stage deployed', async () => {
    const target = await executionWith({ type: 'deployManifest', account: 'stage-acct', manifests: [] }, deployOutputs);
    const res = await read(viewer, target);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const dto = stageKubernetesSchema.parse(res.body);
    expect(dto.account).toBe('stage-acct');
    expect(dto.resources).toHaveLength(1);
    expect(dto.resources[0]).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: ns });
    expect(['Current', 'InProgress']).toContain(dto.resources[0]?.status);
    // The deployment controller writes ScalingReplicaSet events for each rollout.
    expect(dto.resources[0]?.events.some((e) => e.reason === 'ScalingReplicaSet')).toBe(true);
  });

  it('shows a Secret and its events without the Secret values (security review 13.6)', async () => {
    const value = 'live-view-secret-value';
    await admin.apply([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: ns }, stringData: { password: value } }]);
    // An event that quotes the value, as a careless controller might.
    await admin.apply([
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: uniqueName('creds-event'), namespace: ns },
        involvedObject: { apiVersion: 'v1', kind: 'Secret', name: 'creds', namespace: ns },
        reason: 'Rejected',
        message: `password ${value} (${Buffer.from(value).toString('base64')}) is too weak`,
        type: 'Warning',
        lastTimestamp: new Date().toISOString(),
      },
    ]);
    const target = await executionWith({ type: 'deleteManifest', account: 'stage-acct', manifestName: 'secret creds', location: ns }, { 'outputs.manifestNamesByNamespace': { [ns]: ['secret creds'] } });
    const res = await read(viewer, target);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(value);
    expect(text).not.toContain(Buffer.from(value).toString('base64'));
    const dto = stageKubernetesSchema.parse(res.body);
    expect(dto.resources[0]?.events).toContainEqual(expect.objectContaining({ reason: 'Rejected', message: 'password <redacted> (<redacted>) is too weak' }));
  });

  it('reports an object that no longer exists as Missing, from a "kind name" output', async () => {
    const target = await executionWith({ type: 'scaleManifest', account: 'stage-acct', manifestName: 'deployment gone', location: ns, replicas: 1 }, { 'outputs.manifestNamesByNamespace': { [ns]: ['deployment gone'] } });
    const dto = stageKubernetesSchema.parse((await read(viewer, target)).body);
    expect(dto.resources).toEqual([expect.objectContaining({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gone', namespace: ns, status: 'Missing' })]);
  });

  it('needs READ on the account (403) and on the application (404), and a session (401)', async () => {
    const target = await executionWith({ type: 'deployManifest', account: 'stage-acct', manifests: [] }, deployOutputs);
    expect((await read(blind, target)).status).toBe(403);
    expect((await read(stranger, target)).status).toBe(404);
    expect((await read({}, target)).status).toBe(401);
    const secret = await executionWith({ type: 'deployManifest', account: 'stage-secret', manifests: [] }, deployOutputs);
    expect((await read(viewer, secret)).status).toBe(403);
  });

  it('answers 404 for a stage that touches no Kubernetes objects or does not exist', async () => {
    const wait = await executionWith({ type: 'wait', waitTime: 1 }, {});
    expect((await read(viewer, wait)).status).toBe(404);
    expect((await read(viewer, { id: wait.id, stageId: 'nope' })).status).toBe(404);
  });
});
