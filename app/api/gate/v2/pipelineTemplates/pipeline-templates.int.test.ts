import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import { getPool } from '@/lib/db/pool';
import { startExecution } from '@/lib/engine/start-execution';
import * as pipelines from '@/app/api/v1/applications/[name]/pipelines/route';
import * as onePipeline from '@/app/api/v1/applications/[name]/pipelines/[id]/route';
import * as gatePipelines from '@/app/api/gate/pipelines/route';
import { findPipelineByName } from '@/lib/db/pipelines';
import * as list from './route';
import * as create from './create/route';
import * as update from './update/[id]/route';
import * as plan from './plan/route';
import * as one from './[id]/route';
import * as dependents from './[id]/dependentPipelines/route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: ['developers'] });

const app = 'templated';
const hidden = 'templated-hidden';
let admin: Record<string, string> = {};
let writer: Record<string, string> = {};
let reader: Record<string, string> = {};
let stranger: Record<string, string> = {};

beforeAll(async () => {
  await createApplication({ name: app, ownerEmail: 't@example.com', description: '', permissions: { READ: ['viewers'], WRITE: ['developers'], EXECUTE: ['developers'] } });
  await createApplication({ name: hidden, ownerEmail: 't@example.com', description: '', permissions: { READ: ['admins'], WRITE: ['admins'], EXECUTE: ['admins'] } });
  admin = { cookie: cookieHeader(await sessionCookie({ login: 'ada', groups: ['admins'], secret: testSecret })) };
  writer = { cookie: cookieHeader(await sessionCookie({ login: 'wes', groups: ['developers'], secret: testSecret })) };
  reader = { cookie: cookieHeader(await sessionCookie({ login: 'vic', groups: ['viewers'], secret: testSecret })) };
  stranger = { cookie: cookieHeader(await sessionCookie({ login: 'sam', groups: ['nobody'], secret: testSecret })) };
});

const template = (id: string, waitTime: unknown = '${ templateVariables.wait }', scopes = [app]) => ({
  id,
  schema: 'v2',
  metadata: { name: `Template ${id}`, scopes },
  variables: [
    { name: 'wait', type: 'int', defaultValue: 5 },
    { name: 'target', type: 'string' },
  ],
  pipeline: {
    triggers: [],
    stages: [
      { refId: 'w', requisiteStageRefIds: [], type: 'wait', name: 'Wait for ${templateVariables.target}', waitTime },
      { refId: 'j', requisiteStageRefIds: ['w'], type: 'manualJudgment', name: 'Approve' },
    ],
  },
});
const templated = (templateRef: string, variables: Record<string, unknown>, name = 'From template') => ({
  schema: 'v2',
  type: 'templatedPipeline',
  application: app,
  name,
  template: { artifactAccount: 'front50ArtifactCredentials', reference: templateRef, type: 'front50/pipelineTemplate' },
  variables,
  exclude: [],
  stages: [],
});

async function save(id: string, body: unknown, headers: Record<string, string>, tag?: string, mode: 'create' | 'update' = 'create') {
  const query = tag ? `?tag=${tag}` : '';
  return mode === 'create'
    ? call(create.POST, { method: 'POST', path: `/api/gate/v2/pipelineTemplates/create${query}`, body, headers })
    : call(update.POST, { method: 'POST', path: `/api/gate/v2/pipelineTemplates/update/${id}${query}`, params: { id }, body, headers });
}
const get = (id: string, headers: Record<string, string>, query = '') => call<Record<string, unknown>>(one.GET, { path: `/api/gate/v2/pipelineTemplates/${id}${query}`, params: { id }, headers });

describe('Gate /v2/pipelineTemplates', () => {
  it('creates, versions by tag and digest, lists and reads templates as spin does', async () => {
    expect((await get('waiter', writer)).status).toBe(404);
    expect((await save('waiter', template('waiter'), writer)).status).toBe(202);
    expect((await save('waiter', template('waiter'), writer)).status).toBe(409);
    const first = await get('waiter', reader);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: 'waiter', schema: 'v2', metadata: { scopes: [app] }, lastModifiedBy: 'wes' });
    // A stable tag pins the first version while latest moves on.
    expect((await save('waiter', template('waiter'), writer, 'stable', 'update')).status).toBe(202);
    expect((await save('waiter', template('waiter', 9), writer, undefined, 'update')).status).toBe(202);
    expect((await get('waiter', reader)).body.pipeline).toMatchObject({ stages: [{ waitTime: 9 }, {}] });
    expect((await get('waiter', reader, '?tag=stable')).body.pipeline).toMatchObject({ stages: [{ waitTime: '${ templateVariables.wait }' }, {}] });
    expect((await get('waiter', reader, '?tag=nightly')).status).toBe(422);
    const listed = await call<{ id: string }[]>(list.GET, { path: `/api/gate/v2/pipelineTemplates?scopes=${app}`, headers: reader });
    expect(listed.body.map((t) => t.id)).toContain('waiter');
    expect((await call<{ id: string }[]>(list.GET, { path: '/api/gate/v2/pipelineTemplates?scopes=elsewhere', headers: reader })).body).toEqual([]);
  });

  it('refuses a document that is not a v2 template, naming the field', async () => {
    const res = await save('bad', { id: 'bad', schema: '1', pipeline: { stages: [] } }, writer);
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('schema');
  });

  it('scopes decide who sees and changes a template: global ones are read by all and changed by admins', async () => {
    expect((await get('waiter', stranger)).status).toBe(404);
    expect((await save('waiter', template('waiter'), reader, undefined, 'update')).status).toBe(403);
    expect((await save('global-waiter', template('global-waiter', 1, ['global']), writer)).status).toBe(403);
    expect((await save('global-waiter', template('global-waiter', 1, ['global']), admin)).status).toBe(202);
    expect((await get('global-waiter', stranger)).status).toBe(200);
    expect((await save('secret', template('secret', 1, [hidden]), writer)).status).toBe(403);
  });

  it('plans a templated pipeline, and refuses a missing variable naming it', async () => {
    const planned = await call<Record<string, unknown>>(plan.POST, { method: 'POST', path: '/api/gate/v2/pipelineTemplates/plan', body: templated('spinnaker://waiter:stable', { target: 'prod' }), headers: reader });
    expect(planned.status).toBe(200);
    expect(planned.body).toMatchObject({ name: 'From template', stages: [{ name: 'Wait for prod', waitTime: 5 }, { type: 'manualJudgment' }], templateVariables: { wait: 5, target: 'prod' } });
    const missing = await call<{ message: string; issues: { path: string }[] }>(plan.POST, { method: 'POST', path: '/api/gate/v2/pipelineTemplates/plan', body: templated('spinnaker://waiter', {}), headers: reader });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toMatch(/^variables\.target: is required by template waiter/);
  });

  it('saves a templated pipeline only with its variables, runs the current version (or the pinned tag), and keeps the template while pipelines use it', async () => {
    const path = `/api/v1/applications/${app}/pipelines`;
    const refused = await call<{ issues: { path: string }[] }>(pipelines.POST, { method: 'POST', path, params: { name: app }, body: templated('spinnaker://waiter', { wait: 'long' }), headers: writer });
    expect(refused.status).toBe(422);
    expect(refused.body.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['variables.target', 'variables.wait']));

    const followed = await call<{ pipeline: { id: string } }>(pipelines.POST, { method: 'POST', path, params: { name: app }, body: templated('spinnaker://waiter', { target: 'prod' }, 'Follows latest'), headers: writer });
    expect(followed.status, JSON.stringify(followed.body)).toBe(201);
    const pinned = await call<{ pipeline: { id: string } }>(pipelines.POST, { method: 'POST', path, params: { name: app }, body: templated('spinnaker://waiter:stable', { target: 'qa', wait: 2 }, 'Pinned to stable'), headers: writer });
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(201);

    const run = async (pipelineId: string) => {
      const outcome = await startExecution({ pipelineId, source: 'manual', authentication: { user: 'wes', roles: ['developers'] }, trigger: { type: 'manual', user: 'wes' } });
      // The template keeps limitConcurrent, so a second run queues; its stages are planned either way.
      expect(['started', 'queued'], JSON.stringify(outcome)).toContain(outcome.kind);
      const executionId = outcome.kind === 'started' || outcome.kind === 'queued' ? outcome.executionId : '';
      const { rows } = await getPool().query<{ name: string; context: Record<string, unknown> }>('SELECT name, context FROM stage_executions WHERE execution_id = $1 ORDER BY position', [executionId]);
      const { rows: [execution] } = await getPool().query<{ config: Record<string, unknown> }>('SELECT config FROM executions WHERE id = $1', [executionId]);
      return { stages: rows.map((r) => ({ name: r.name, waitTime: r.context.waitTime })), source: execution?.config.templateSource };
    };
    expect(await run(followed.body.pipeline.id)).toMatchObject({ stages: [{ name: 'Wait for prod', waitTime: 9 }, { name: 'Approve' }], source: { id: 'waiter', reference: 'spinnaker://waiter' } });
    expect(await run(pinned.body.pipeline.id)).toMatchObject({ stages: [{ name: 'Wait for qa', waitTime: 2 }, { name: 'Approve' }], source: { reference: 'spinnaker://waiter:stable' } });
    // A new template version changes the next run of the pipeline that follows latest.
    expect((await save('waiter', template('waiter', 11), writer, undefined, 'update')).status).toBe(202);
    expect((await run(followed.body.pipeline.id)).stages[0]).toEqual({ name: 'Wait for prod', waitTime: 11 });

    const listed = await call<{ name: string }[]>(dependents.GET, { path: '/api/gate/v2/pipelineTemplates/waiter/dependentPipelines', params: { id: 'waiter' }, headers: reader });
    expect(listed.body.map((p) => p.name).sort()).toEqual(['Follows latest', 'Pinned to stable']);
    const blocked = await call<{ message: string }>(one.DELETE, { method: 'DELETE', path: '/api/gate/v2/pipelineTemplates/waiter', params: { id: 'waiter' }, headers: writer });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toMatch(/used by 2 pipelines/);

    for (const id of [followed.body.pipeline.id, pinned.body.pipeline.id]) {
      expect((await call(onePipeline.DELETE, { method: 'DELETE', path: `${path}/${id}`, params: { name: app, id }, headers: writer })).status).toBe(204);
    }
    expect((await call(one.DELETE, { method: 'DELETE', path: '/api/gate/v2/pipelineTemplates/waiter?tag=stable', params: { id: 'waiter' }, headers: writer })).status).toBe(202);
    expect((await get('waiter', reader, '?tag=stable')).status).toBe(404);
    expect((await get('waiter', reader)).status).toBe(200);
    expect((await call(one.DELETE, { method: 'DELETE', path: '/api/gate/v2/pipelineTemplates/waiter', params: { id: 'waiter' }, headers: writer })).status).toBe(202);
    expect((await get('waiter', reader)).status).toBe(404);
  });

  it('spin pipeline save keeps a pipeline whose template is not saved yet (as Front50), and its runs are refused saying why', async () => {
    const res = await call(gatePipelines.POST, { method: 'POST', path: '/api/gate/pipelines', body: templated('spinnaker://not-yet', { target: 'prod' }, 'Waits for its template'), headers: writer });
    expect(res.status).toBe(200);
    const stored = await findPipelineByName(app, 'Waits for its template');
    expect(stored?.config.template).toMatchObject({ reference: 'spinnaker://not-yet' });
    const outcome = await startExecution({ pipelineId: stored?.id ?? '', source: 'manual', authentication: { user: 'wes', roles: ['developers'] }, trigger: { type: 'manual', user: 'wes' } });
    expect(outcome).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/template\.reference: names pipeline template not-yet, which Foresail does not have/) });
    // The editor and the API refuse it instead: there the template must exist.
    const refused = await call<{ issues: { path: string }[] }>(pipelines.POST, { method: 'POST', path: `/api/v1/applications/${app}/pipelines`, params: { name: app }, body: templated('spinnaker://not-yet', { target: 'prod' }, 'Refused'), headers: writer });
    expect(refused.status).toBe(422);
    expect(refused.body.issues.map((i) => i.path)).toEqual(['template.reference']);
  });
});
