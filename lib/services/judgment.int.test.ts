import { beforeAll, describe, expect, it } from 'vitest';
import { useAuthConfig } from '@/e2e/runner/auth-test-config';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import type { SessionUser } from '../auth/principal';
import { createApplication } from '../db/applications';
import { ForbiddenError } from '../errors';
import type { RequestMeta } from '../request-meta';
import { judge } from './executions';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });
useEngine();

const person = (login: string, roles: string[]): SessionUser => ({ login, roles, isAdmin: false, canCreateApplications: false, name: login, email: null, groups: roles, via: 'session', demo: false });
const bob = person('bob', ['developers', 'release-managers']);
const carol = person('carol', ['developers']);
const dave = person('dave', ['viewers']);
/** A request without a known peer: the audit log records no source address. */
const meta: RequestMeta = { sourceIp: null };

beforeAll(async () => {
  await createApplication({ name: 'judged', ownerEmail: 'j@example.com', description: '', permissions: { READ: ['viewers'], WRITE: ['developers'], EXECUTE: ['developers'] } });
});

const judgmentPipeline = () =>
  savePipeline('judged', {
    stages: [
      { refId: 'j', requisiteStageRefIds: [], type: 'manualJudgment', name: 'Approve', judgmentInputs: [{ value: 'ship it' }], selectedStageRoles: ['release-managers'] },
      { refId: 'w', requisiteStageRefIds: ['j'], type: 'wait', name: 'After', waitTime: 0 },
    ],
  });

async function waitingJudgment(): Promise<{ id: string; stageId: string }> {
  const id = await trigger(await judgmentPipeline(), { authentication: { user: 'bob', roles: [...bob.roles] } });
  const e = await waitFor(id, (x) => stageByRef(x, 'j').status === 'RUNNING');
  return { id, stageId: stageByRef(e, 'j').id };
}

describe('manual judgment', () => {
  it('only someone with EXECUTE and one of the stage roles may judge', async () => {
    const { id, stageId } = await waitingJudgment();
    await expect(judge(meta, carol, id, stageId, 'continue')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(judge(meta, carol, id, stageId, 'continue')).rejects.toThrow(/needs EXECUTE on judged and one of the roles release-managers/);
    await expect(judge(meta, dave, id, stageId, 'continue')).rejects.toBeInstanceOf(ForbiddenError);
    await judge(meta, bob, id, stageId, 'continue', 'ship it');
    const e = await waitFor(id, finished);
    expect(e.status).toBe('SUCCEEDED');
    expect(stageByRef(e, 'j').context).toMatchObject({ judgmentStatus: 'continue', judgmentInput: 'ship it', lastModifiedBy: 'bob' });
  });

  it('stop fails the pipeline with who stopped it and why', async () => {
    const { id, stageId } = await waitingJudgment();
    await judge(meta, bob, id, stageId, 'stop', 'metrics look off');
    const e = await waitFor(id, finished);
    expect(e.status).toBe('TERMINAL');
    expect((stageByRef(e, 'j').context.exception as { details: { error: string } }).details.error).toBe('Stopped by bob: metrics look off');
    expect(stageByRef(e, 'w').status).toBe('NOT_STARTED');
  });
});
