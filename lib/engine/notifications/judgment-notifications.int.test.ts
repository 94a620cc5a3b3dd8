import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { setTestConfig } from '@/e2e/runner/test-config';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '../../db/applications';
import { getPool } from '../../db/pool';
import { sendJson, startTestServer, type RecordedRequest, type TestServer } from '../../egress/test-server';
import { judgeStage } from '../actions';

useTestDatabase();
useEngine();

const baseUrl = 'https://foresail.example.com';
let server: TestServer;
/** Paths answered 500 this many more times (to see retries). */
const failures = new Map<string, number>();

function useConfig(egressAllow: string[]): void {
  setTestConfig({ server: { baseUrl }, egress: { allow: egressAllow } });
}

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const left = failures.get(req.path) ?? 0;
    if (left > 0) {
      failures.set(req.path, left - 1);
      return sendJson(res, 500, { error: 'try later' });
    }
    sendJson(res, 200, { ok: true });
  });
  useConfig(['127.0.0.1']);
  await createApplication({ name: 'notified', ownerEmail: 'n@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
});
afterAll(async () => {
  await server.close();
});

const judgmentEvents = ['manualJudgment', 'manualJudgmentContinue', 'manualJudgmentStop'];

/** A judgment pipeline: every event to /pipeline-<tag>, "needed" also to the stage's own /stage-<tag>, and an email that is kept but not sent. */
const notifyingPipeline = (tag: string) =>
  savePipeline('notified', {
    notifications: [
      { type: 'webhook', address: `${server.origin}/pipeline-${tag}`, when: judgmentEvents },
      { type: 'email', address: 'team@example.com', when: judgmentEvents },
    ],
    stages: [
      {
        refId: 'j',
        requisiteStageRefIds: [],
        type: 'manualJudgment',
        name: 'Approve',
        sendNotifications: true,
        notifications: [{ type: 'webhook', address: `${server.origin}/stage-${tag}`, when: ['manualJudgment'] }],
      },
    ],
  });

async function received(pathName: string, count: number): Promise<RecordedRequest[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const got = server.requests.filter((r) => r.path === pathName);
    if (got.length >= count || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const bodies = (requests: RecordedRequest[]) => requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);

async function waitingJudgment(tag: string): Promise<{ id: string; stageId: string }> {
  const id = await trigger(await notifyingPipeline(tag));
  const e = await waitFor(id, (x) => stageByRef(x, 'j').status === 'RUNNING');
  return { id, stageId: stageByRef(e, 'j').id };
}

describe('manual judgment webhook notifications', () => {
  it('announce a judgment that is needed, then who continued it and with what input', async () => {
    const { id, stageId } = await waitingJudgment('go');
    const needed = { event: 'manualJudgment', application: 'notified', executionId: id, stage: { id: stageId, name: 'Approve' }, url: `${baseUrl}/applications/notified/executions/${id}` };
    expect(bodies(await received('/pipeline-go', 1))).toEqual([{ ...needed, pipeline: expect.stringMatching(/^p-/) }]);
    expect(bodies(await received('/stage-go', 1))).toEqual([{ ...needed, pipeline: expect.stringMatching(/^p-/) }]);
    const [request] = await received('/pipeline-go', 1);
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');

    await judgeStage(id, stageId, { judgmentStatus: 'continue', judgmentInput: 'ship it' }, 'bob');
    expect((await waitFor(id, finished)).status).toBe('SUCCEEDED');
    const all = bodies(await received('/pipeline-go', 2));
    expect(all[1]).toMatchObject({ event: 'manualJudgmentContinue', executionId: id, judgedBy: 'bob', input: 'ship it', stage: { id: stageId, name: 'Approve' } });
    // The stage-level entry only listens for "needed" (continue's jobs were queued together, and have run).
    expect(server.requests.filter((r) => r.path === '/stage-go')).toHaveLength(1);
  });

  it('announce a stop, retrying a destination that fails with backoff', async () => {
    const { id, stageId } = await waitingJudgment('stop');
    await received('/pipeline-stop', 1);
    failures.set('/pipeline-stop', 1);
    await judgeStage(id, stageId, { judgmentStatus: 'stop' }, 'carol');
    expect((await waitFor(id, finished)).status).toBe('TERMINAL');
    // Needed (1), then the stop: once answered 500, then delivered on the retry.
    const all = bodies(await received('/pipeline-stop', 3));
    expect(all.map((b) => b.event)).toEqual(['manualJudgment', 'manualJudgmentStop', 'manualJudgmentStop']);
    expect(all[2]).toMatchObject({ judgedBy: 'carol' });
    expect(all[2]).not.toHaveProperty('input');
    // The delivery is recorded after the destination answered, so the row may land a moment after the request.
    const outcomes = async () => {
      const { rows } = await getPool().query("SELECT payload FROM execution_events WHERE execution_id = $1 AND kind = 'notification' ORDER BY id", [id]);
      return rows.map((r: { payload: Record<string, unknown> }) => [r.payload.event, r.payload.outcome]);
    };
    const deadline = Date.now() + 20_000;
    let recorded = await outcomes();
    while (!recorded.some(([event, outcome]) => event === 'manualJudgmentStop' && outcome === 'delivered') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      recorded = await outcomes();
    }
    expect(recorded).toEqual(expect.arrayContaining([['manualJudgmentStop', 'delivered']]));
  });

  it('never call a destination the egress policy refuses, and record the refusal', async () => {
    useConfig([]);
    try {
      const { id } = await waitingJudgment('refused');
      const deadline = Date.now() + 20_000;
      let refused: Record<string, unknown>[] = [];
      while (refused.length < 2 && Date.now() < deadline) {
        const { rows } = await getPool().query("SELECT payload FROM execution_events WHERE execution_id = $1 AND kind = 'notification'", [id]);
        refused = rows.map((r: { payload: Record<string, unknown> }) => r.payload);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(refused).toHaveLength(2);
      for (const r of refused) expect(r).toMatchObject({ type: 'webhook', event: 'manualJudgment', outcome: 'refused', reason: expect.stringMatching(/loopback/i) });
      expect(server.requests.filter((r) => r.path.endsWith('-refused'))).toEqual([]);
    } finally {
      useConfig(['127.0.0.1']);
    }
  });
});
