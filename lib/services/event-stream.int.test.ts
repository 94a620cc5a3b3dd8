import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { finished, savePipeline, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { GET as eventsRoute } from '@/app/api/v1/events/route';
import { createApplication } from '../db/applications';
import { getPool } from '../db/pool';
import { executionEventStream } from './event-stream';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });
useEngine();

interface Received {
  id: string;
  event: string;
  data: { executionId: string; stageId: string | null; kind: string; status: string; refId?: string };
}

/** Reads server-sent events until `until` holds or the stream ends; returns them and whether it ended. */
async function read(stream: ReadableStream<Uint8Array>, until: (events: Received[]) => boolean, timeoutMs = 20_000): Promise<{ events: Received[]; ended: boolean }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const events: Received[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (!until(events)) {
      const chunk = await Promise.race([reader.read(), new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), Math.max(0, deadline - Date.now())))]);
      if (chunk === 'timeout') throw new Error(`timed out after ${events.length} events`);
      if (chunk.done) return { events, ended: true };
      buffer += decoder.decode(chunk.value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]));
        if (fields.data) events.push({ id: fields.id ?? '', event: fields.event ?? '', data: JSON.parse(fields.data) as Received['data'] });
      }
    }
    return { events, ended: false };
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

const twoWaits = { stages: [
  { refId: 'a', requisiteStageRefIds: [], type: 'wait', name: 'A', waitTime: 0 },
  { refId: 'b', requisiteStageRefIds: ['a'], type: 'wait', name: 'B', waitTime: 0 },
] };
const done = (executionId: string) => (events: Received[]) => events.some((e) => e.data.executionId === executionId && e.data.kind === 'execution' && e.data.status === 'SUCCEEDED');

beforeAll(async () => {
  await createApplication({ name: 'sse-a', ownerEmail: 'a@example.com', description: '', permissions: { READ: ['viewers'], WRITE: [], EXECUTE: [] } });
  await createApplication({ name: 'sse-b', ownerEmail: 'b@example.com', description: '', permissions: { READ: ['others'], WRITE: [], EXECUTE: [] } });
});

describe('execution event stream', () => {
  it('streams every change of a run in order, and only for the requested applications', async () => {
    const controller = new AbortController();
    const stream = await executionEventStream({ applications: ['sse-a'], signal: controller.signal });
    const [mine, other] = await Promise.all([savePipeline('sse-a', twoWaits), savePipeline('sse-b', twoWaits)]);
    const otherId = await trigger(other);
    const id = await trigger(mine);
    const { events } = await read(stream, done(id));
    controller.abort();
    expect(events.every((e) => e.data.executionId === id)).toBe(true);
    expect(events.some((e) => e.data.executionId === otherId)).toBe(false);
    const stageB = events.filter((e) => e.data.kind === 'stage' && e.data.refId === 'b').map((e) => e.data.status);
    expect(stageB).toEqual(['RUNNING', 'SUCCEEDED']);
    const execution = events.filter((e) => e.data.kind === 'execution').map((e) => e.data.status);
    expect(execution.at(0)).toBe('NOT_STARTED');
    expect(execution).toContain('RUNNING');
    expect(execution.at(-1)).toBe('SUCCEEDED');
    // Within one execution, ids only grow (each transition holds the execution's row lock).
    const ids = events.map((e) => BigInt(e.id));
    expect([...ids].sort((x, y) => (x < y ? -1 : 1))).toEqual(ids);
    expect(events.map((e) => e.event)).toEqual(events.map((e) => e.data.kind));
    await waitFor(otherId, finished);
  });

  it('replays exactly what came after Last-Event-ID, then continues live', async () => {
    const pipeline = await savePipeline('sse-a', twoWaits);
    const id = await trigger(pipeline);
    await waitFor(id, finished);
    const { rows } = await getPool().query<{ id: string }>('SELECT id::text FROM execution_events WHERE execution_id = $1 ORDER BY id', [id]);
    const all = rows.map((r) => r.id);
    expect(all.length).toBeGreaterThan(5);
    const resumeAfter = all[2] ?? '';
    const replay = new AbortController();
    const { events } = await read(await executionEventStream({ applications: ['sse-a'], executionId: id, lastEventId: BigInt(resumeAfter), signal: replay.signal }), (e) => e.length >= all.length - 3);
    replay.abort();
    expect(events.map((e) => e.id)).toEqual(all.slice(3));
  });

  it('ends the stream when the database connection is lost, so the browser reconnects and replays', async () => {
    const controller = new AbortController();
    const stream = await executionEventStream({ applications: ['sse-a'], signal: controller.signal });
    await getPool().query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid()");
    const { ended } = await read(stream, () => false, 10_000);
    expect(ended).toBe(true);
    // The listener comes back: a new stream gets live events again.
    const pipeline = await savePipeline('sse-a', twoWaits);
    await new Promise((r) => setTimeout(r, 1500));
    const again = new AbortController();
    const next = await executionEventStream({ applications: ['sse-a'], signal: again.signal });
    const id = await trigger(pipeline);
    const { events } = await read(next, done(id));
    again.abort();
    expect(events.length).toBeGreaterThan(3);
  });

  it('answers 401 without a session and 404 for an application or execution you cannot see', async () => {
    const viewer = { cookie: cookieHeader(await sessionCookie({ login: 'vic', groups: ['viewers'], secret: testSecret })) };
    expect((await call(eventsRoute, { path: '/api/v1/events?application=sse-a' })).status).toBe(401);
    expect((await call(eventsRoute, { path: '/api/v1/events?application=sse-b', headers: viewer })).status).toBe(404);
    const hidden = await trigger(await savePipeline('sse-b', twoWaits));
    expect((await call(eventsRoute, { path: `/api/v1/events?execution=${hidden}`, headers: viewer })).status).toBe(404);
    await waitFor(hidden, finished);
  });
});
