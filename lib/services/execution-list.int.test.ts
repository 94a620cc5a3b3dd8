import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listRoute } from '@/app/api/v1/executions/route';
import { GET as judgmentsRoute } from '@/app/api/v1/me/judgments/route';
import { testOrigin, testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import type { SessionUser } from '../auth/principal';
import { createApplication } from '../db/applications';
import { insertExecution } from '../db/engine/executions';
import { insertStages } from '../db/engine/stages';
import { getPool, withTransaction } from '../db/pool';
import { ulidAt } from '../engine/ids';
import { executionQuerySchema } from '../pipeline/execution-query';
import { executionListRowSchema } from '../pipeline/execution-list-row';
import { myJudgmentsSchema } from '../pipeline/judgments';
import { listExecutionRowsFor, listExecutionsFor } from './execution-list';
import { myJudgments } from './judgments';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });

const person = (login: string, roles: string[]): SessionUser => ({ login, roles, isAdmin: false, canCreateApplications: false, name: login, email: null, groups: roles, via: 'session', demo: false });
const bob = person('bob', ['developers', 'release-managers']);
const carol = person('carol', ['developers']);
const dave = person('dave', ['viewers']);
const admin: SessionUser = { ...person('ada', ['admins']), isAdmin: true };

let clock = Date.now() - 3_600_000;

interface Seed {
  application?: string;
  pipelineName?: string;
  trigger?: Record<string, unknown>;
  status?: string;
  /** A manual judgment stage in this state (RUNNING = waiting). */
  judgment?: { status: string; context?: Record<string, unknown> };
}

/** Inserts an execution the way the engine does (same statements), one second newer than the last. */
async function seed(s: Seed = {}): Promise<string> {
  clock += 1000;
  const id = ulidAt(clock);
  const trigger = s.trigger ?? { type: 'manual', user: 'tester', parameters: {} };
  await withTransaction(async (tx) => {
    await insertExecution(tx, {
      id,
      application: s.application ?? 'shop',
      pipelineId: null,
      pipelineName: s.pipelineName ?? 'Deploy',
      status: s.status ?? 'SUCCEEDED',
      trigger,
      config: {},
      triggerType: String(trigger.type),
      triggerUser: typeof trigger.user === 'string' ? trigger.user : null,
      authentication: { user: null, roles: [] },
      parentExecutionId: null,
      parentStageId: null,
    });
    if (s.judgment) {
      await insertStages(tx, id, [{ id: ulidAt(clock), refId: 'judge', type: 'manualJudgment', name: 'Approve', requisiteStageRefIds: [], parentStageId: null, syntheticStageOwner: null, position: 0, context: s.judgment.context ?? {} }]);
      await tx.query("UPDATE stage_executions SET status = $2, start_time = $3 WHERE execution_id = $1", [id, s.judgment.status, new Date(clock)]);
    }
  });
  return id;
}

const list = (user: SessionUser, query: Record<string, string>) => listExecutionsFor(user, executionQuerySchema.parse({ application: 'shop', ...query }));
const ids = async (user: SessionUser, query: Record<string, string>) => (await list(user, query)).executions.map((e) => e.id);

beforeAll(async () => {
  const permissions = { READ: ['viewers'], WRITE: ['developers'], EXECUTE: ['developers'] };
  await createApplication({ name: 'shop', ownerEmail: 's@example.com', description: '', permissions });
  await createApplication({ name: 'vault', ownerEmail: 'v@example.com', description: '', permissions: { READ: ['developers'], WRITE: [], EXECUTE: ['admins-only'] } });
});

describe('GET /api/v1/executions ?q', () => {
  const found: Record<string, string> = {};
  beforeAll(async () => {
    found.name = await seed({ pipelineName: 'Canary Release' });
    found.user = await seed({ trigger: { type: 'manual', user: 'Zelda', parameters: {} } });
    found.git = await seed({ trigger: { type: 'git', source: 'github', project: 'acme', slug: 'storefront', branch: 'feature/Checkout', hash: '9fceb02d0ae598e95dc970b74767f19372d61af8', parameters: {} } });
    found.docker = await seed({ trigger: { type: 'docker', repository: 'acme/imager', tag: 'v4.2.0-rc1', parameters: {} } });
    found.parent = await seed({ trigger: { type: 'pipeline', parentPipelineName: 'Nightly Build', parentExecution: { name: 'Nightly Build' }, parameters: {} } });
    found.param = await seed({ trigger: { type: 'manual', user: 'tester', parameters: { ticket: 'OPS-4711', region: 'eu-west-1' } } });
    found.percent = await seed({ pipelineName: 'Roll out 50% traffic' });
    found.underscore = await seed({ pipelineName: 'blue_green' });
    await seed({ pipelineName: 'Roll out 50x traffic' });
    await seed({ pipelineName: 'bluexgreen' });
  });

  it.each([
    ['pipeline name, any case', 'canary release', 'name'],
    ['trigger user', 'zelda', 'user'],
    ['commit hash prefix', '9FCEB02', 'git'],
    ['branch', 'checkout', 'git'],
    ['repository (git slug)', 'storefront', 'git'],
    ['docker tag', 'V4.2.0-RC', 'docker'],
    ['docker repository', 'acme/imager', 'docker'],
    ['parent pipeline', 'nightly', 'parent'],
    ['parameter value', 'ops-4711', 'param'],
  ])('finds by %s', async (_label, q, key) => {
    expect(await ids(carol, { q })).toEqual([found[key]]);
  });

  it('finds by execution id and by trigger type', async () => {
    const id = found.docker ?? '';
    expect(await ids(carol, { q: id.toLowerCase() })).toEqual([id]);
    expect(await ids(carol, { q: 'docker' })).toEqual([found.docker]);
  });

  it('takes LIKE wildcards literally', async () => {
    expect(await ids(carol, { q: '50%' })).toEqual([found.percent]);
    expect(await ids(carol, { q: 'blue_green' })).toEqual([found.underscore]);
    expect(await ids(carol, { q: '%' })).toEqual([found.percent]);
  });

  it('does not search parameter names, only values', async () => {
    expect(await ids(carol, { q: 'ticket' })).toEqual([]);
  });
});

describe('GET /api/v1/executions ?id and pagination', () => {
  it('returns just the named executions, newest first', async () => {
    const a = await seed();
    await seed();
    const c = await seed();
    expect(await ids(carol, { id: `${a},${c}` })).toEqual([c, a]);
    expect(await ids(carol, { id: 'no-such-execution' })).toEqual([]);
  });

  it('pages with a cursor under every filter, without repeats or gaps', async () => {
    const matching: string[] = [];
    for (let i = 0; i < 7; i++) {
      matching.push(await seed({ pipelineName: `Paged ${i}`, status: i % 2 === 0 ? 'TERMINAL' : 'SUCCEEDED' }));
      await seed({ pipelineName: 'Other', status: 'TERMINAL' });
    }
    const wanted = matching.filter((_, i) => i % 2 === 0).reverse();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(carol, { q: 'paged', statuses: 'TERMINAL', id: [...matching, 'x'].join(','), limit: '2', ...(cursor ? { cursor } : {}) });
      seen.push(...page.executions.map((e) => e.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(wanted);
    expect(pages).toBe(2);
  });
});

describe('GET /api/v1/executions ?view=summary', () => {
  let id = '';
  beforeAll(async () => {
    id = await seed({ pipelineName: 'Summarised', status: 'RUNNING', trigger: { type: 'git', user: 'gitbot', hash: '9fceb02d0ae598e95dc970b74767f19372d61af8', branch: 'main', parameters: { secretish: 'not in a summary' } } });
    const stage = (refId: string, position: number, parentStageId: string | null = null) => ({ id: `${id}-${refId}`, refId, type: 'wait', name: `Stage ${refId}`, requisiteStageRefIds: [], parentStageId, syntheticStageOwner: parentStageId ? 'STAGE_BEFORE' : null, position, context: { big: 'x'.repeat(1000) } });
    await withTransaction(async (tx) => {
      await insertStages(tx, id, [stage('build', 0), stage('approve', 1), stage('deploy', 2), stage('verify', 3), stage('child', 0, `${id}-approve`)]);
      const set = (refId: string, status: string, waiting = false) => tx.query('UPDATE stage_executions SET status = $3, waiting = $4 WHERE execution_id = $1 AND ref_id = $2', [id, refId, status, waiting]);
      await set('build', 'SUCCEEDED');
      await set('approve', 'RUNNING', true);
      await set('deploy', 'PAUSED');
      await set('child', 'RUNNING');
    });
  });

  it('counts the top-level stages by status and names the ones in progress, in run order', async () => {
    const { executions } = await listExecutionRowsFor(carol, executionQuerySchema.parse({ application: 'shop', id, view: 'summary' }));
    const row = executionListRowSchema.strict().parse(executions[0]);
    expect(row).toMatchObject({ id, name: 'Summarised', status: 'RUNNING', origin: 'git', trigger: { type: 'git', user: 'gitbot', text: '9fceb02 on main' } });
    expect(row.stageSummary).toEqual({
      total: 4,
      byStatus: { SUCCEEDED: 1, RUNNING: 1, PAUSED: 1, NOT_STARTED: 1 },
      active: [{ id: `${id}-approve`, name: 'Stage approve', status: 'RUNNING', waiting: true }, { id: `${id}-deploy`, name: 'Stage deploy', status: 'PAUSED', waiting: false }],
    });
    expect(JSON.stringify(row)).not.toContain('not in a summary');
  });

  it('has the full view\'s times and pages the same rows', async () => {
    const full = await list(carol, { limit: '3' });
    const slim = await listExecutionRowsFor(carol, executionQuerySchema.parse({ application: 'shop', limit: '3', view: 'summary' }));
    expect(slim.executions.map((e) => e.id)).toEqual(full.executions.map((e) => e.id));
    expect(slim.nextCursor).toBe(full.nextCursor);
    for (const [i, e] of full.executions.entries()) expect(slim.executions[i]).toMatchObject({ buildTime: e.buildTime, startTime: e.startTime, endTime: e.endTime, canceled: e.canceled, pipelineConfigId: e.pipelineConfigId });
    expect(await listExecutionRowsFor(dave, executionQuerySchema.parse({ application: 'vault', view: 'summary' }))).toEqual({ executions: [], nextCursor: null });
  });
});

describe('awaiting judgment', () => {
  const made: Record<string, string> = {};
  beforeAll(async () => {
    made.open = await seed({ status: 'RUNNING', judgment: { status: 'RUNNING', context: { instructions: 'Look at the canary' } } });
    made.roles = await seed({ status: 'RUNNING', judgment: { status: 'RUNNING', context: { selectedStageRoles: ['release-managers'] } } });
    made.olderName = await seed({ status: 'RUNNING', judgment: { status: 'RUNNING', context: { requiredJudgmentRoles: ['release-managers'] } } });
    // Judged but not yet picked up by the worker: judging again would be refused, so not listed.
    made.judged = await seed({ status: 'RUNNING', judgment: { status: 'RUNNING', context: { judgmentStatus: 'continue' } } });
    made.done = await seed({ judgment: { status: 'SUCCEEDED' } });
    made.vault = await seed({ application: 'vault', status: 'RUNNING', judgment: { status: 'RUNNING' } });
  });

  it('lists what each caller may judge: EXECUTE and one of the stage roles', async () => {
    expect(await ids(bob, { awaitingJudgment: 'me' })).toEqual([made.olderName, made.roles, made.open]);
    expect(await ids(carol, { awaitingJudgment: 'me' })).toEqual([made.open]);
    expect(await ids(dave, { awaitingJudgment: 'me' })).toEqual([]);
    expect(await ids(admin, { awaitingJudgment: 'me' })).toEqual([made.olderName, made.roles, made.open]);
    const everywhere = await listExecutionsFor(admin, executionQuerySchema.parse({ awaitingJudgment: 'me' }));
    expect(everywhere.executions.map((e) => e.id)).toEqual([made.vault, made.olderName, made.roles, made.open]);
  });

  it('combines with the other filters', async () => {
    expect(await ids(bob, { awaitingJudgment: 'me', id: `${made.open},${made.done}` })).toEqual([made.open]);
    expect(await ids(bob, { awaitingJudgment: 'me', limit: '1' })).toEqual([made.olderName]);
  });

  it('GET /api/v1/me/judgments: the same judgments, with what the UI shows', async () => {
    const mine = myJudgmentsSchema.parse(await myJudgments(bob));
    expect(mine.count).toBe(3);
    expect(mine.items.map((j) => j.executionId)).toEqual([made.olderName, made.roles, made.open]);
    const open = mine.items.find((j) => j.executionId === made.open);
    expect(open).toMatchObject({ application: 'shop', executionName: 'Deploy', pipelineConfigId: null, stageName: 'Approve', instructions: 'Look at the canary' });
    expect(open?.waitingSince).toBeGreaterThan(Date.now() - 7_200_000);
    expect(mine.items.find((j) => j.executionId === made.roles)).not.toHaveProperty('instructions');
    expect((await myJudgments(carol)).count).toBe(1);
    expect(await myJudgments(dave)).toEqual({ count: 0, items: [] });
  });

  it('lists at most 50 items but counts them all', async () => {
    for (let i = 0; i < 52; i++) await seed({ application: 'vault', status: 'RUNNING', judgment: { status: 'RUNNING' } });
    const mine = await myJudgments(admin);
    expect(mine.count).toBe(56);
    expect(mine.items).toHaveLength(50);
    const times = mine.items.map((j) => j.waitingSince);
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it('pages through judgments the caller may decide when most waiting ones are for others', async () => {
    const others: string[] = [];
    for (let i = 0; i < 30; i++) others.push(await seed({ status: 'RUNNING', judgment: { status: 'RUNNING', context: { requiredJudgmentRoles: ['release-managers'] } } }));
    // carol may decide only the oldest one, behind the 30 newer ones and three more for release managers.
    expect(await list(carol, { awaitingJudgment: 'me', limit: '1' })).toMatchObject({ executions: [{ id: made.open }], nextCursor: null });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listExecutionRowsFor(bob, executionQuerySchema.parse({ application: 'shop', awaitingJudgment: 'me', view: 'summary', limit: '4', ...(cursor ? { cursor } : {}) }));
      seen.push(...page.executions.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 100);
    expect(seen).toEqual([...others.reverse(), made.olderName, made.roles, made.open]);
  });
});

describe('over the route handlers', () => {
  const call = async (handler: typeof listRoute, path: string, login?: string, groups: string[] = []) => {
    const headers: Record<string, string> = { origin: testOrigin };
    if (login) headers.cookie = cookieHeader(await sessionCookie({ login, groups, secret: testSecret }));
    return handler(new NextRequest(`${testOrigin}${path}`, { headers }), { params: Promise.resolve({}) });
  };

  it('answers 401 to anonymous callers', async () => {
    expect((await call(judgmentsRoute, '/api/v1/me/judgments')).status).toBe(401);
    expect((await call(listRoute, '/api/v1/executions?awaitingJudgment=me')).status).toBe(401);
  });

  it('names the field of bad input', async () => {
    const bad = async (query: string, field: string) => {
      const res = await call(listRoute, `/api/v1/executions?${query}`, 'carol', ['developers']);
      expect(res.status, query).toBe(422);
      const body = (await res.json()) as { issues: { path: string }[] };
      expect(body.issues.map((i) => i.path)).toContain(field);
    };
    await bad(`q=${'x'.repeat(201)}`, 'q');
    await bad(`id=${Array.from({ length: 201 }, (_, i) => `e${i}`).join(',')}`, 'id');
    await bad('id=a;b', 'id[0]');
    await bad('awaitingJudgment=you', 'awaitingJudgment');
    await bad('view=tiny', 'view');
  });

  it('answers slim rows with view=summary', async () => {
    const res = await call(listRoute, '/api/v1/executions?application=shop&limit=2&view=summary', 'carol', ['developers']);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { executions: unknown[] };
    expect(body.executions).toHaveLength(2);
    for (const row of body.executions) executionListRowSchema.strict().parse(row);
  });

  it('serves the judgments of the signed-in user', async () => {
    const res = await call(judgmentsRoute, '/api/v1/me/judgments', 'carol', ['developers']);
    expect(res.status).toBe(200);
    expect(myJudgmentsSchema.parse(await res.json()).count).toBe(1);
    const { rows } = await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM stage_executions WHERE type = 'manualJudgment' AND status = 'RUNNING'");
    expect(rows[0]?.n).toBeGreaterThan(1);
  });
});
