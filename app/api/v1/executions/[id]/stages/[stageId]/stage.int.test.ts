import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import { insertPipeline } from '@/lib/db/pipelines';
import { getPool } from '@/lib/db/pool';
import { startExecution } from '@/lib/engine/start-execution';
import { uniqueName } from '@/lib/kubernetes/testing';
import { executionDtoSchema, executionSummarySchema, stageDtoSchema } from '@/lib/pipeline/execution';
import { GET as getExecution } from '../../route';
import { GET } from './route';

// The execution page holds stage summaries and loads a stage's context and outputs when it is opened.
useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });

const app = uniqueName('stages').slice(0, 30);
const manifest = { kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'web', env: Array.from({ length: 50 }, (_, i) => ({ name: `V${i}`, value: 'x'.repeat(40) })) }] } } } };
let viewer: Record<string, string>;
let stranger: Record<string, string>;
let target: { id: string; stageId: string; otherStageId: string };
const as = async (login: string, groups: string[]) => ({ cookie: cookieHeader(await sessionCookie({ login, groups, secret: testSecret })) });
const readStage = (headers: Record<string, string>, id: string, stageId: string) => call(GET, { path: `/api/v1/executions/${id}/stages/${stageId}`, params: { id, stageId }, headers });
const readExecution = (headers: Record<string, string>, query: string) => call(getExecution, { path: `/api/v1/executions/${target.id}${query}`, params: { id: target.id }, headers });

beforeAll(async () => {
  await createApplication({ name: app, ownerEmail: 'o@example.com', description: '', permissions: { READ: ['viewers'], WRITE: [], EXECUTE: [] } });
  const pipelineId = uniqueName('pipe');
  const stages = [
    { refId: '1', requisiteStageRefIds: [], name: 'Wait', type: 'wait', waitTime: 1 },
    { refId: '2', requisiteStageRefIds: ['1'], name: 'Wait more', type: 'wait', waitTime: 1 },
  ];
  await insertPipeline({ id: pipelineId, application: app, name: pipelineId, config: { id: pipelineId, name: pipelineId, application: app, stages }, disabled: false, locked: false, by: 'test', action: 'create' });
  const outcome = await startExecution({ pipelineId, source: 'manual', authentication: { user: 'test', roles: ['viewers'] }, trigger: { type: 'manual', user: 'test' } });
  if (!('executionId' in outcome)) throw new Error(`not started: ${outcome.kind}`);
  const { rows } = await getPool().query<{ id: string; ref_id: string }>(
    "UPDATE stage_executions SET status = 'SUCCEEDED', context = context || $2::jsonb, outputs = $3::jsonb WHERE execution_id = $1 RETURNING id, ref_id",
    [outcome.executionId, JSON.stringify({ manifests: [manifest] }), JSON.stringify({ 'outputs.manifests': [manifest] })],
  );
  const byRef = new Map(rows.map((r) => [r.ref_id, r.id]));
  target = { id: outcome.executionId, stageId: byRef.get('1') ?? '', otherStageId: byRef.get('2') ?? '' };
  viewer = await as('vic', ['viewers']);
  stranger = await as('sam', ['strangers']);
});

describe('GET /api/v1/executions/{id}/stages/{stageId}', () => {
  it('answers one stage in full: context, outputs and tasks', async () => {
    const res = await readStage(viewer, target.id, target.stageId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stage = stageDtoSchema.parse(res.body);
    expect(stage).toMatchObject({ id: target.stageId, refId: '1', status: 'SUCCEEDED', context: { manifests: [manifest] }, outputs: { 'outputs.manifests': [manifest] } });
  });

  it('answers 404 alike for a stage of another execution, a missing one, and an execution the caller cannot see', async () => {
    expect((await readStage(viewer, target.id, 'no-such-stage')).status).toBe(404);
    expect((await readStage(viewer, 'no-such-execution', target.stageId)).status).toBe(404);
    expect((await readStage(stranger, target.id, target.stageId)).status).toBe(404);
  });
});

describe('GET /api/v1/executions/{id}?view=summary', () => {
  it('leaves out every stage context, outputs and tasks; without view the stages are whole', async () => {
    const summary = await readExecution(viewer, '?view=summary');
    expect(summary.status, JSON.stringify(summary.body)).toBe(200);
    expect(executionSummarySchema.parse(summary.body).id).toBe(target.id);
    const stages = (summary.body as { stages: Record<string, unknown>[] }).stages;
    expect(stages.map((s) => s.id).sort()).toEqual([target.stageId, target.otherStageId].sort());
    expect(stages.every((s) => !('context' in s) && !('outputs' in s) && !('tasks' in s))).toBe(true);
    const full = executionDtoSchema.parse((await readExecution(viewer, '')).body);
    expect(full.stages.find((s) => s.id === target.stageId)?.context).toMatchObject({ manifests: [manifest] });
  });

  it('refuses an unknown view, naming the field', async () => {
    const res = await readExecution(viewer, '?view=everything');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).toContain('view');
  });
});
