/**
 * Issue 13, item 2: EXECUTE does not let anyone skip a manual judgment they may not make, or a
 * canary analysis, and so deploy. Only stage types that allow a manual skip may be skipped (Orca),
 * through the v1 route and Gate's PATCH alike; every skip and refusal is audited with who and why.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { listAudit } from '@/lib/db/audit';
import { createApplication } from '@/lib/db/applications';
import { insertPipeline } from '@/lib/db/pipelines';
import { getPool } from '@/lib/db/pool';
import { startExecution } from '@/lib/engine/start-execution';
import * as gateStage from './gate/pipelines/[first]/stages/[stageId]/route';
import * as skip from './v1/executions/[id]/stages/[stageId]/skip/route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });

const app = 'skipper';
const stagesByType: Record<string, Record<string, unknown>> = {
  judgment: { type: 'manualJudgment', name: 'Approve', selectedStageRoles: ['approvers'] },
  canary: { type: 'kayentaCanary', name: 'Canary analysis', analysisType: 'realTime', canaryConfig: { canaryConfigId: 'c', lifetimeDuration: 'PT1H', scopes: [{ controlScope: 'b', experimentScope: 'c' }] } },
  child: { type: 'pipeline', name: 'Run tests', application: app, pipeline: 'other', skippable: true },
  unmarked: { type: 'pipeline', name: 'Run smoke', application: app, pipeline: 'other' },
  wait: { type: 'wait', name: 'Soak', waitTime: 600 },
};
let executor: Record<string, string> = {};
let admin: Record<string, string> = {};

/** A running execution whose first stage (of this kind) is RUNNING; the deploy after it has not started. */
async function runningStage(kind: string): Promise<{ id: string; stageId: string }> {
  const pipelineId = `skip-${kind}`;
  const stages = [
    { refId: '1', requisiteStageRefIds: [], ...stagesByType[kind] },
    { refId: '2', requisiteStageRefIds: ['1'], type: 'wait', name: 'Deploy', waitTime: 1 },
  ];
  await insertPipeline({ id: pipelineId, application: app, name: pipelineId, config: { id: pipelineId, name: pipelineId, application: app, limitConcurrent: false, stages }, disabled: false, locked: false, by: 'test', action: 'create' }).catch(() => undefined);
  const outcome = await startExecution({ pipelineId, source: 'manual', authentication: { user: 'test', roles: ['executors'] }, trigger: { type: 'manual', user: 'test' } });
  if (!('executionId' in outcome)) throw new Error(`not started: ${outcome.kind}`);
  await getPool().query("UPDATE executions SET status = 'RUNNING' WHERE id = $1", [outcome.executionId]);
  const { rows } = await getPool().query<{ id: string }>("UPDATE stage_executions SET status = 'RUNNING' WHERE execution_id = $1 AND ref_id = '1' RETURNING id", [outcome.executionId]);
  return { id: outcome.executionId, stageId: rows[0]?.id ?? '' };
}
const statusOf = async (stageId: string) => (await getPool().query<{ status: string }>('SELECT status FROM stage_executions WHERE id = $1', [stageId])).rows[0]?.status;
const v1Skip = (target: { id: string; stageId: string }, headers: Record<string, string>, body: unknown = { reason: 'the tests are known to be flaky today' }) =>
  call<{ message: string }>(skip.POST, { method: 'POST', path: `/api/v1/executions/${target.id}/stages/${target.stageId}/skip`, params: target, body, headers });
const gateSkip = (target: { id: string; stageId: string }, headers: Record<string, string>, body: unknown = { manualSkip: true }) =>
  call<{ message: string }>(gateStage.PATCH, { method: 'PATCH', path: `/api/gate/pipelines/${target.id}/stages/${target.stageId}`, params: { first: target.id, stageId: target.stageId }, body, headers });

beforeAll(async () => {
  await createApplication({ name: app, ownerEmail: 's@example.com', description: '', permissions: { READ: ['executors'], WRITE: [], EXECUTE: ['executors'] } });
  executor = { cookie: cookieHeader(await sessionCookie({ login: 'exa', groups: ['executors'], secret: testSecret })) };
  admin = { cookie: cookieHeader(await sessionCookie({ login: 'ada', groups: ['admins'], secret: testSecret })) };
});

describe('manual skip', () => {
  it('refuses to skip a manual judgment, to executors and administrators alike, through v1 and Gate', async () => {
    const target = await runningStage('judgment');
    for (const res of [await v1Skip(target, executor), await v1Skip(target, admin), await gateSkip(target, executor), await gateSkip(target, admin)]) {
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/Approve is a manual judgment: it cannot be skipped, only judged/);
    }
    expect(await statusOf(target.stageId)).toBe('RUNNING');
  });

  it('refuses to skip a canary analysis and stages that do not allow it', async () => {
    for (const [kind, why] of [['canary', /canary analysis: its result decides/], ['unmarked', /not marked skippable/], ['wait', /only pipeline stages marked skippable/]] as const) {
      const target = await runningStage(kind);
      const res = await v1Skip(target, executor);
      expect(res.status, kind).toBe(403);
      expect(res.body.message).toMatch(why);
      expect((await gateSkip(target, executor)).status, kind).toBe(403);
      expect(await statusOf(target.stageId)).toBe('RUNNING');
    }
  });

  it('skips a pipeline stage marked skippable, recording who and why', async () => {
    const target = await runningStage('child');
    expect((await v1Skip(target, executor)).status).toBe(204);
    expect(await statusOf(target.stageId)).toBe('SKIPPED');
    const { rows } = await getPool().query<{ context: Record<string, unknown> }>('SELECT context FROM stage_executions WHERE id = $1', [target.stageId]);
    expect(rows[0]?.context).toMatchObject({ manualSkip: true, skippedBy: 'exa', skipReason: 'the tests are known to be flaky today' });
    const { events } = await listAudit({ action: 'stage.skip', take: 50 });
    expect(events.find((e) => e.targetId === target.stageId)).toMatchObject({ actor: 'exa', outcome: 'success', details: { skipReason: 'the tests are known to be flaky today', type: 'pipeline' } });
  });

  it('audits a refused skip as denied, with the reason', async () => {
    const target = await runningStage('judgment');
    await v1Skip(target, executor, { reason: 'in a hurry' });
    const { events } = await listAudit({ action: 'stage.skip', take: 50 });
    expect(events.find((e) => e.targetId === target.stageId)).toMatchObject({ actor: 'exa', outcome: 'denied', details: { reason: expect.stringMatching(/cannot be skipped/), skipReason: 'in a hurry' } });
  });

  it('asks for a reason on the v1 route; Gate (Deck) may send one', async () => {
    const target = await runningStage('child');
    const missing = await v1Skip(target, executor, {});
    expect(missing.status).toBe(422);
    expect(JSON.stringify(missing.body)).toMatch(/reason/);
    expect((await gateSkip(target, executor, { manualSkip: true, reason: 'operator reason' })).status).toBe(200);
    expect(await statusOf(target.stageId)).toBe('SKIPPED');
  });
});
