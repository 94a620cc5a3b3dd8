import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as github } from '@/app/api/webhooks/github/route';
import { pushPayload } from '@/e2e/github/payloads';
import { sendGitHubWebhook } from '@/e2e/github/webhooks';
import { useAuthConfig } from '@/e2e/runner/auth-test-config';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import { getPool } from '@/lib/db/pool';
import { insertPipeline } from '@/lib/db/pipelines';

// R2: GitHub redelivers, proxies retry, people press "Redeliver": one delivery id, one execution.
useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });

const url = 'http://foresail.test/api/webhooks/github';

beforeAll(async () => {
  await createApplication({ name: 'r2', ownerEmail: 'r2@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
  // sendGitHubWebhook speaks HTTP; the "network" is the route handler itself.
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) => github(new NextRequest(String(input), init as ConstructorParameters<typeof NextRequest>[1]), { params: Promise.resolve({}) }));
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('reliability', () => {
  it('R2: the same GitHub delivery sent 100 times at once starts exactly one execution', async () => {
    const id = randomUUID();
    const trigger = { type: 'git', enabled: true, source: 'github', project: 'acme', slug: 'web', branch: 'main', secret: 'hush' };
    const stages = [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Wait', waitTime: 1 }];
    await insertPipeline({ id, application: 'r2', name: 'Build', config: { id, name: 'Build', application: 'r2', limitConcurrent: false, stages, triggers: [trigger] }, disabled: false, locked: false, by: 'test', action: 'create' });
    const deliveryId = randomUUID();
    const payload = pushPayload({ owner: 'acme', repo: 'web', branch: 'main', after: 'f'.repeat(40) });
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: 100 }, () => sendGitHubWebhook({ url, event: 'push', payload, secret: 'hush', deliveryId })));
    const ms = Math.round(performance.now() - started);
    // The sender is told counts only; the trigger-attempts log says what each delivery did.
    const logged = await getPool().query<{ outcome: string }>('SELECT outcome FROM trigger_attempts WHERE pipeline_id = $1', [id]);
    const outcomes = logged.rows.map((r) => r.outcome);
    const { rows } = await getPool().query<{ n: string }>('SELECT count(*)::text AS n FROM executions WHERE pipeline_id = $1', [id]);
    const executions = Number(rows[0]?.n);
    process.stdout.write(`R2: 100 concurrent deliveries of one GitHub push → ${executions} execution, ${outcomes.filter((o) => o === 'duplicate').length} answered "duplicate" (${ms} ms)\n`);
    expect(responses.every((r) => r.status === 202)).toBe(true);
    expect(outcomes.filter((o) => o === 'started')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(99);
    expect(executions).toBe(1);
  });
});
