/**
 * startExecution's trigger-attempt rows go through the one writer (lib/db/trigger-attempts): they
 * keep their application's id, so the application's readers see them, and their reasons are bounded
 * like every other attempt's (issue 15 item 3).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { savePipeline } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '../db/applications';
import { listTriggerAttempts } from '../db/trigger-attempts';
import { startExecution } from './start-execution';

useTestDatabase();
beforeAll(async () => {
  await createApplication({ name: 'shop', ownerEmail: 's@example.com', description: '', permissions: { READ: ['shop-readers'], WRITE: [], EXECUTE: ['shop-team'] } });
});

const start = (pipelineId: string) => startExecution({ pipelineId, source: 'manual', authentication: { user: 'tess', roles: ['shop-team'] }, trigger: { type: 'manual', user: 'tess' } });
const wait = { refId: 'w', requisiteStageRefIds: [], type: 'wait', name: 'Wait', waitTime: 1 };

describe('startExecution: trigger attempts', () => {
  it('are visible to the readers of the application the attempt belongs to', async () => {
    const outcome = await start(await savePipeline('shop', { stages: [wait] }));
    expect(outcome.kind).toBe('started');
    const { attempts } = await listTriggerAttempts({ visibleApplications: ['shop'], limit: 10 });
    expect(attempts.map((a) => [a.outcome, a.executionId])).toEqual([['started', 'executionId' in outcome ? outcome.executionId : '']]);
  });

  it('keep a refusal reason bounded however many parameters it lists', async () => {
    const parameterConfig = Array.from({ length: 80 }, (_, i) => ({ name: `p${i}`, label: `A required parameter with a long label, number ${i}`, required: true }));
    const outcome = await start(await savePipeline('shop', { stages: [wait], parameterConfig }));
    expect(outcome.kind).toBe('refused');
    const [refused] = (await listTriggerAttempts({ visibleApplications: ['shop'], limit: 1 })).attempts;
    expect(refused?.outcome).toBe('refused');
    expect(refused?.reason).toHaveLength(2_000);
    expect(refused?.reason.endsWith('…')).toBe(true);
  });
});
