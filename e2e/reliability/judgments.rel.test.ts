import { beforeAll, describe, expect, it } from 'vitest';
import { POST as judgmentRoute } from '@/app/api/v1/executions/[id]/stages/[stageId]/judgment/route';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';

// R3: a release channel full of people pressing "Continue" and "Stop" at once: one decision counts.
useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });
useEngine();

beforeAll(async () => {
  await createApplication({ name: 'r3', ownerEmail: 'r3@example.com', description: '', permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['developers'] } });
});

describe('reliability', () => {
  it('R3: 50 concurrent judgments on one stage → exactly one decision; the others get a clear 409', async () => {
    const pipeline = await savePipeline('r3', {
      stages: [
        { refId: 'j', requisiteStageRefIds: [], type: 'manualJudgment', name: 'Approve', judgmentInputs: [{ value: 'ship it' }], selectedStageRoles: ['release-managers'] },
        { refId: 'w', requisiteStageRefIds: ['j'], type: 'wait', name: 'After', waitTime: 0 },
      ],
    });
    const id = await trigger(pipeline, { authentication: { user: 'bob', roles: ['developers', 'release-managers'] } });
    const running = await waitFor(id, (e) => stageByRef(e, 'j').status === 'RUNNING');
    const stageId = stageByRef(running, 'j').id;
    const cookie = { cookie: cookieHeader(await sessionCookie({ login: 'bob', groups: ['developers', 'release-managers'], secret: testSecret })) };
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call<{ message?: string }>(judgmentRoute, { method: 'POST', path: `/api/v1/executions/${id}/stages/${stageId}/judgment`, params: { id, stageId }, headers: cookie, body: { judgment: i % 2 === 0 ? 'continue' : 'stop', input: `attempt ${i}` } }),
      ),
    );
    const ms = Math.round(performance.now() - started);
    const decided = results.filter((r) => r.status === 204);
    const conflicts = results.filter((r) => r.status === 409);
    process.stdout.write(`R3: 50 concurrent judgments → ${decided.length} decision, ${conflicts.length} answered 409 (${ms} ms)\n`);
    expect(decided).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    expect(conflicts[0]?.body.message).toMatch(/^Approve was already judged \((continue|stop)\) by bob at \d{4}-/);
    const e = await waitFor(id, finished);
    expect(['SUCCEEDED', 'TERMINAL']).toContain(e.status);
  });
});
