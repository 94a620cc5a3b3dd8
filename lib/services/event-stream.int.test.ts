import { NextRequest } from 'next/server';
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testOrigin, testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { finished, savePipeline, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { readLdap } from '@/lib/world/endpoints';
import { setGroupMember } from '@/e2e/support/ldap-admin';
import { GET as eventsRoute } from '@/app/api/v1/events/route';
import { resetDirectory } from '../auth/directory';
import { createApplication } from '../db/applications';
import { getPool } from '../db/pool';
import { executionEventStream } from './event-stream';

useTestDatabase();
// Groups are refreshed every second here, so streams re-check permissions every second too.
const ldap = readLdap();
useAuthConfig({ admin: ['admins'], createApplication: [] }, { ldap: { url: ldap.url, bindDn: ldap.bindDn, bindPassword: ldap.bindPassword, userBase: ldap.usersDn, refreshSeconds: 1, timeoutMs: 1500 } });
useEngine();

interface Received {
  id: string;
  event: string;
  data: { executionId: string; stageId: string | null; kind: string; status: string; refId?: string };
}

/** Server-sent events read as they come; a read that outlives a timeout is kept for the next wait. */
function sse(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const events: Received[] = [];
  let buffer = '';
  let ended = false;
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  const parse = (text: string) => {
    buffer += text;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]));
      if (fields.data) events.push({ id: fields.id ?? '', event: fields.event ?? '', data: JSON.parse(fields.data) as Received['data'] });
    }
  };
  return {
    events,
    get ended() {
      return ended;
    },
    /** Reads until `until` holds (true), the stream ends or the time is up (false). */
    async wait(until: (events: Received[]) => boolean, timeoutMs = 20_000): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      while (!until(events)) {
        if (ended || Date.now() >= deadline) return false;
        pending ??= reader.read();
        const chunk = await Promise.race([pending, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), Math.max(0, deadline - Date.now())))]);
        if (chunk === 'timeout') continue;
        pending = undefined;
        if (chunk.done) ended = true;
        else parse(decoder.decode(chunk.value, { stream: true }));
      }
      return true;
    },
    close: () => reader.cancel().catch(() => undefined),
  };
}

/** Reads server-sent events until `until` holds or the stream ends; returns them and whether it ended. */
async function read(stream: ReadableStream<Uint8Array>, until: (events: Received[]) => boolean, timeoutMs = 20_000): Promise<{ events: Received[]; ended: boolean }> {
  const events = sse(stream);
  try {
    if (!(await events.wait(until, timeoutMs)) && !events.ended) throw new Error(`timed out after ${events.events.length} events`);
    return { events: events.events, ended: events.ended };
  } finally {
    await events.close();
  }
}

const twoWaits = { stages: [
  { refId: 'a', requisiteStageRefIds: [], type: 'wait', name: 'A', waitTime: 0 },
  { refId: 'b', requisiteStageRefIds: ['a'], type: 'wait', name: 'B', waitTime: 0 },
] };
/** What a viewer of sse-a alone may see, with the applications the tests start with. */
const seesA = async () => ({ visible: ['sse-a'], existing: ['sse-a', 'sse-b'] });
const done = (executionId: string) => (events: Received[]) => events.some((e) => e.data.executionId === executionId && e.data.kind === 'execution' && e.data.status === 'SUCCEEDED');

beforeAll(async () => {
  await createApplication({ name: 'sse-a', ownerEmail: 'a@example.com', description: '', permissions: { READ: ['viewers'], WRITE: [], EXECUTE: [] } });
  await createApplication({ name: 'sse-b', ownerEmail: 'b@example.com', description: '', permissions: { READ: ['others'], WRITE: [], EXECUTE: [] } });
});

describe('execution event stream', () => {
  it('streams every change of a run in order, and only for the requested applications', async () => {
    const controller = new AbortController();
    const stream = await executionEventStream({ access: seesA, signal: controller.signal });
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

  it("drops another application's events without a new permission check, and checks once for an application created since", async () => {
    let checks = 0;
    const existing = ['sse-a', 'sse-b'];
    const access = async () => {
      checks += 1;
      return { visible: ['sse-a'], existing: [...existing] };
    };
    const controller = new AbortController();
    const stream = await executionEventStream({ access, signal: controller.signal });
    expect(checks).toBe(1);
    const hidden = await trigger(await savePipeline('sse-b', twoWaits));
    await waitFor(hidden, finished);
    const first = await trigger(await savePipeline('sse-a', twoWaits));
    const events = sse(stream);
    try {
      expect(await events.wait(done(first))).toBe(true);
      // sse-b existed at the check when the stream opened, and was not visible then: no new check.
      expect(checks).toBe(1);
      await createApplication({ name: 'sse-new', ownerEmail: 'n@example.com', description: '', permissions: { READ: ['others'], WRITE: [], EXECUTE: [] } });
      existing.push('sse-new');
      const unseen = await trigger(await savePipeline('sse-new', twoWaits));
      await waitFor(unseen, finished);
      const second = await trigger(await savePipeline('sse-a', twoWaits));
      expect(await events.wait(done(second))).toBe(true);
      // sse-new's many events: one check, at its first.
      expect(checks).toBe(2);
      expect(events.events.map((e) => e.data.executionId).filter((id) => id !== first && id !== second)).toEqual([]);
    } finally {
      controller.abort();
      await events.close();
    }
  });

  it('fans every event out to each of many streams that may see it, and to no other', async () => {
    const streams = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const app = i % 2 === 0 ? 'sse-a' : 'sse-b';
        const controller = new AbortController();
        const scope = i % 4 < 2 ? { application: app } : {};
        const stream = await executionEventStream({ access: async () => ({ visible: [app], existing: ['sse-a', 'sse-b'] }), ...scope, signal: controller.signal });
        return { app, controller, events: sse(stream) };
      }),
    );
    const [a, b] = await Promise.all([savePipeline('sse-a', twoWaits), savePipeline('sse-b', twoWaits)]);
    const ran = { 'sse-a': await trigger(a), 'sse-b': await trigger(b) };
    try {
      for (const s of streams) expect(await s.events.wait(done(ran[s.app as keyof typeof ran]))).toBe(true);
      const counts = new Set<number>();
      for (const s of streams) {
        expect(new Set(s.events.events.map((e) => e.data.executionId))).toEqual(new Set([ran[s.app as keyof typeof ran]]));
        if (s.app === 'sse-a') counts.add(s.events.events.length);
      }
      // Every stream of sse-a got the same events (no stream missed one).
      expect(counts.size).toBe(1);
    } finally {
      for (const s of streams) {
        s.controller.abort();
        await s.events.close();
      }
      await waitFor(ran['sse-b'], finished);
    }
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
    const { events } = await read(await executionEventStream({ access: seesA, executionId: id, lastEventId: BigInt(resumeAfter), signal: replay.signal }), (e) => e.length >= all.length - 3);
    replay.abort();
    expect(events.map((e) => e.id)).toEqual(all.slice(3));
  });

  it('ends the stream when the database connection is lost, so the browser reconnects and replays', async () => {
    const controller = new AbortController();
    const stream = await executionEventStream({ access: seesA, signal: controller.signal });
    await getPool().query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid()");
    const { ended } = await read(stream, () => false, 10_000);
    expect(ended).toBe(true);
    // The listener comes back: a new stream gets live events again.
    const pipeline = await savePipeline('sse-a', twoWaits);
    await new Promise((r) => setTimeout(r, 1500));
    const again = new AbortController();
    const next = await executionEventStream({ access: seesA, signal: again.signal });
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

  describe('re-checks permissions while open', () => {
    // dave sees sse-w through an LDAP group of its own, which the tests take him out of and back into.
    const watchers = `cn=sse-watchers,${ldap.groupsDn}`;
    const asAdmin = async (fn: (client: Client) => Promise<void>) => {
      const client = new Client({ url: ldap.url });
      try {
        await client.bind(ldap.bindDn, ldap.bindPassword);
        await fn(client);
      } finally {
        await client.unbind();
      }
    };
    beforeAll(async () => {
      await asAdmin((c) => c.add(watchers, { objectClass: 'groupOfNames', cn: 'sse-watchers', member: [`uid=dave,${ldap.usersDn}`, `uid=alice,${ldap.usersDn}`] }));
      await createApplication({ name: 'sse-w', ownerEmail: 'w@example.com', description: '', permissions: { READ: ['sse-watchers'], WRITE: [], EXECUTE: [] } });
    });
    afterAll(() => asAdmin((c) => c.del(watchers)));

    /** The body of GET /api/v1/events as dave (LDAP group viewers), through the real route. */
    async function openAsDave(query = ''): Promise<ReadableStream<Uint8Array>> {
      const dave = cookieHeader(await sessionCookie({ login: 'dave', groups: [], groupsAt: 0, secret: testSecret })); // groups come from LDAP
      const res = await eventsRoute(new NextRequest(`${testOrigin}/api/v1/events${query}`, { headers: { cookie: dave } }), { params: Promise.resolve({}) });
      expect(res.status).toBe(200);
      if (!res.body) throw new Error('no stream');
      return res.body;
    }

    it("delivers events of applications created after the global stream opened, never another application's", async () => {
      const stream = await openAsDave();
      await createApplication({ name: 'sse-late', ownerEmail: 'l@example.com', description: '', permissions: { READ: ['viewers'], WRITE: [], EXECUTE: [] } });
      await createApplication({ name: 'sse-late-hidden', ownerEmail: 'h@example.com', description: '', permissions: { READ: ['others'], WRITE: [], EXECUTE: [] } });
      const hidden = await trigger(await savePipeline('sse-late-hidden', twoWaits));
      await waitFor(hidden, finished);
      const visible = await trigger(await savePipeline('sse-late', twoWaits));
      const { events } = await read(stream, done(visible));
      expect(new Set(events.map((e) => e.data.executionId))).toEqual(new Set([visible]));
    });

    it('ends a stream of an application once its viewer is removed from the group that granted it', async () => {
      const events = sse(await openAsDave('?application=sse-w'));
      let removed = false;
      try {
        const before = await trigger(await savePipeline('sse-w', twoWaits));
        expect(await events.wait(done(before))).toBe(true);
        await setGroupMember(ldap, 'sse-watchers', 'dave', false);
        removed = true;
        // Noticed at the next re-check (every second here); the browser then reconnects and gets 404.
        await events.wait(() => false, 15_000);
        expect(events.ended).toBe(true);
      } finally {
        await events.close();
        if (removed) await setGroupMember(ldap, 'sse-watchers', 'dave', true);
        await resetDirectory(); // the next test sees dave's groups as they are now, not as cached
      }
    });

    it('keeps the global stream open but silent about applications a person can no longer see', async () => {
      const events = sse(await openAsDave());
      let removed = false;
      try {
        const seen = await trigger(await savePipeline('sse-w', twoWaits));
        expect(await events.wait(done(seen))).toBe(true);
        await setGroupMember(ldap, 'sse-watchers', 'dave', false);
        removed = true;
        await new Promise((r) => setTimeout(r, 3000)); // longer than a re-check
        const unseen = await trigger(await savePipeline('sse-w', twoWaits));
        const stillSeen = await trigger(await savePipeline('sse-a', twoWaits)); // dave still sees sse-a (viewers)
        expect(await events.wait(done(stillSeen))).toBe(true);
        await waitFor(unseen, finished);
        expect(events.events.some((e) => e.data.executionId === unseen)).toBe(false);
        expect(events.ended).toBe(false);
      } finally {
        await events.close();
        if (removed) await setGroupMember(ldap, 'sse-watchers', 'dave', true);
        await resetDirectory(); // the next test sees dave's groups as they are now, not as cached
      }
    });
  });
});
