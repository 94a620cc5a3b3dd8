import { beforeAll, describe, expect, it } from 'vitest';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '../db/applications';

useTestDatabase();
useEngine();
beforeAll(async () => {
  await createApplication({ name: 'hooks', ownerEmail: 'h@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
});

const webhook = (url: string) => ({ stages: [{ refId: 'h', requisiteStageRefIds: [], type: 'webhook', name: 'Call', url, method: 'POST', payload: { hello: 'world' } }] });

// The default egress policy (no allow-list): user-chosen URLs never reach internal addresses.
describe('webhook stage egress policy', () => {
  it.each([
    ['loopback', 'http://127.0.0.1:9/hook', /loopback/i],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/', /link-local|metadata/i],
    ['private network', 'http://10.1.2.3/hook', /private/i],
    ['a hostname resolving to 127.0.0.1', 'http://localhost:9/hook', /127\.0\.0\.1|loopback/i],
    ['a decimal IP literal', 'http://2130706433/hook', /loopback/i],
  ])('refuses %s and says why', async (_label, url, reason) => {
    const id = await trigger(await savePipeline('hooks', webhook(url)));
    const e = await waitFor(id, finished);
    expect(e.status).toBe('TERMINAL');
    const error = (stageByRef(e, 'h').context.exception as { details: { error: string } }).details.error;
    expect(error).toMatch(reason);
    expect(error).toMatch(/egress\.allow/);
  });
});
