import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { egressFetch, type EgressPolicy } from '../../egress';
import { sendJson, startTestServer, type RecordedRequest, type TestServer } from '../../egress/test-server';
import { runAgain, stageContext, type TestStageContext } from '../testing';
import type { StageResult } from '../types';
import { webhook, type WebhookState } from './index';

let server: TestServer;
let route: (req: RecordedRequest, res: ServerResponse) => void;

beforeAll(async () => {
  server = await startTestServer((req, res) => route(req, res));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  route = (_req, res) => sendJson(res, 200, { ok: true });
});

const allowLocal: EgressPolicy = { allow: ['127.0.0.1'] };

function context(config: Record<string, unknown>, policy: EgressPolicy = allowLocal): TestStageContext<'webhook', WebhookState> {
  return stageContext(webhook, { url: `${server.origin}/hook`, ...config }, { services: { egressFetch: (url, init) => egressFetch(url, init, policy) } });
}

/** Runs the stage as the engine would until it completes (or `max` runs), returning every result. */
async function runToEnd(ctx: TestStageContext<'webhook', WebhookState>, max = 10): Promise<StageResult<WebhookState>[]> {
  const results = [await webhook.run(ctx)];
  for (let i = 1; i < max; i++) {
    const last = results.at(-1);
    if (!last || (last.status !== 'running' && last.status !== 'waiting')) break;
    results.push(await runAgain(webhook, ctx, last));
  }
  return results;
}

const last = <T>(items: T[]): T => {
  const item = items.at(-1);
  if (item === undefined) throw new Error('no results');
  return item;
};

describe('webhook stage: the request', () => {
  it('saves an idempotency key before sending anything', async () => {
    const first = await webhook.run(context({}));
    expect(first).toMatchObject({ status: 'running', pollAfterMs: 0, state: { phase: 'request', failedAttempts: 0 } });
    expect(first.status === 'running' && first.state.idempotencyKey).toMatch(/^foresail-[\w-]+-[0-9a-f]{8}-[0-9a-f-]{27}$/);
    expect(server.requests).toHaveLength(0);
  });

  it('sends method, JSON payload and custom headers, and outputs the parsed response', async () => {
    route = (_req, res) => sendJson(res, 201, { id: 42, state: 'queued' });
    const ctx = context({
      method: 'put',
      payload: { app: 'shop', version: '1.4.2' },
      customHeaders: { Authorization: 'Bearer abc', 'X-Tags': ['a', 'b'], 'X-Count': 3 },
    });
    const results = await runToEnd(ctx);
    expect(last(results)).toEqual({
      status: 'succeeded',
      outputs: { webhook: { statusCode: 201, body: { id: 42, state: 'queued' } } },
      tasks: [{ name: 'Call webhook', status: 'SUCCEEDED' }],
    });
    const [sent] = server.requests;
    expect(sent).toMatchObject({ method: 'PUT', path: '/hook', body: '{"app":"shop","version":"1.4.2"}' });
    expect(sent?.headers).toMatchObject({
      authorization: 'Bearer abc',
      'x-tags': 'a, b',
      'x-count': '3',
      'content-type': 'application/json',
      'idempotency-key': ctx.state?.idempotencyKey,
    });
  });

  it('defaults to POST and keeps a text body as text', async () => {
    route = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('accepted');
    };
    const results = await runToEnd(context({}));
    expect(server.requests[0]?.method).toBe('POST');
    expect(last(results)).toMatchObject({ status: 'succeeded', outputs: { webhook: { statusCode: 200, body: 'accepted' } } });
  });

  it('resends with the same idempotency key when re-run after a crash, and a new attempt gets a new key', async () => {
    const ctx = context({ payload: { n: 1 } });
    const first = await webhook.run(ctx);
    ctx.state = first.status === 'running' ? first.state : undefined;
    // The worker "dies" after sending but before the result is saved: the engine runs it again with the same state.
    await webhook.run(ctx);
    await webhook.run(ctx);
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);

    const restarted = context({ payload: { n: 1 } });
    await runToEnd(restarted);
    expect(server.requests.at(-1)?.headers['idempotency-key']).not.toBe(keys[0]);
  });

  it('keeps a key the author set in customHeaders', async () => {
    await runToEnd(context({ customHeaders: { 'Idempotency-Key': 'release-1.4.2' } }));
    expect(server.requests[0]?.headers['idempotency-key']).toBe('release-1.4.2');
  });

  it('retries a 503 with backoff and the same key, then succeeds', async () => {
    let calls = 0;
    route = (_req, res) => (++calls < 3 ? sendJson(res, 503, { error: 'busy' }) : sendJson(res, 200, { done: true }));
    const results = await runToEnd(context({}));
    expect(results.map((r) => r.status)).toEqual(['running', 'running', 'running', 'succeeded']);
    expect(results.slice(1, 3).map((r) => (r.status === 'running' ? r.pollAfterMs : 0))).toEqual([2_000, 4_000]);
    expect(new Set(server.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(last(results)).toMatchObject({ outputs: { webhook: { statusCode: 200, body: { done: true } } } });
  });

  it('gives up after 5 attempts', async () => {
    route = (_req, res) => sendJson(res, 502, {});
    const results = await runToEnd(context({}));
    expect(server.requests).toHaveLength(5);
    expect(last(results)).toMatchObject({ status: 'failed', reason: `The webhook at 127.0.0.1:${server.port} answered HTTP 502; gave up after 5 attempts` });
  });

  it('fails fast on a listed status code, with the response body as a detail', async () => {
    route = (_req, res) => sendJson(res, 503, { error: 'maintenance' });
    const results = await runToEnd(context({ failFastStatusCodes: [503] }));
    expect(server.requests).toHaveLength(1);
    expect(last(results)).toMatchObject({
      status: 'failed',
      reason: `The webhook at 127.0.0.1:${server.port} answered HTTP 503, which is listed in failFastStatusCodes`,
      details: ['Response body: {"error":"maintenance"}'],
    });
  });

  it('fails on a 400 without retrying, and retries codes listed in retryStatusCodes', async () => {
    route = (_req, res) => sendJson(res, 400, { error: 'bad payload' });
    expect(last(await runToEnd(context({})))).toMatchObject({
      status: 'failed',
      reason: `The webhook at 127.0.0.1:${server.port} answered HTTP 400; check the URL, method, headers and payload`,
    });
    expect(server.requests).toHaveLength(1);

    let calls = 0;
    route = (_req, res) => sendJson(res, ++calls === 1 ? 409 : 200, {});
    expect(last(await runToEnd(context({ retryStatusCodes: [409] })))).toMatchObject({ status: 'succeeded' });
  });

  it('retries a refused connection', async () => {
    const closed = await startTestServer(() => undefined);
    await closed.close();
    const results = await runToEnd(context({ url: `http://127.0.0.1:${closed.port}/hook` }), 3);
    expect(results[1]).toMatchObject({ status: 'running', state: { failedAttempts: 1 } });
  });

  it('fails on a header name HTTP cannot carry, before sending', async () => {
    expect(last(await runToEnd(context({ customHeaders: { 'Bad Header': 'x' } })))).toMatchObject({
      status: 'failed',
      reason: 'customHeaders has "Bad Header", which is not a valid HTTP header name',
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe('webhook stage: egress refusals', () => {
  it.each([
    [() => `${server.origin}/hook`, '127.0.0.1 is a loopback address; ask an administrator to allow it in egress.allow'],
    [() => `http://localhost:${server.port}/hook`, /^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address; ask an administrator/],
    [() => 'http://169.254.169.254/latest/meta-data/iam/', '169.254.169.254 is a link-local address (cloud metadata); ask an administrator to allow it in egress.allow'],
    [() => 'http://10.1.2.3/hook', '10.1.2.3 is a private address; ask an administrator to allow it in egress.allow'],
  ])('%s is refused with the policy’s reason', async (url, reason) => {
    const results = await runToEnd(context({ url: url() }, { allow: [] }));
    expect(results).toHaveLength(2);
    const result = last(results);
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.reason).toMatch(reason);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a status URL that points at a blocked address', async () => {
    route = (_req, res) => sendJson(res, 202, { statusUrl: 'http://169.254.169.254/latest/meta-data/' });
    const results = await runToEnd(
      context({ waitForCompletion: true, statusUrlResolution: 'webhookResponse', statusUrlJsonPath: '$.statusUrl', statusJsonPath: '$.status' }),
    );
    expect(last(results)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^169\.254\.169\.254 is a link-local address \(cloud metadata\)/) });
  });
});

describe('webhook stage: waiting for completion', () => {
  const monitored = { waitForCompletion: true, statusJsonPath: '$.status', successStatuses: 'SUCCESS, DONE', terminalStatuses: 'FAILED', canceledStatuses: 'ABORTED' };

  it('polls the same URL with GET (getMethod) every waitTime seconds until a success status', async () => {
    const statuses = ['QUEUED', 'RUNNING', 'success'];
    route = (req, res) => sendJson(res, req.method === 'POST' ? 202 : 200, req.method === 'POST' ? { accepted: true } : { status: statuses.shift() });
    const results = await runToEnd(context({ ...monitored, statusUrlResolution: 'getMethod', waitTime: 30, waitBeforeMonitor: 5 }));
    expect(results.map((r) => r.status)).toEqual(['running', 'running', 'running', 'running', 'succeeded']);
    expect(results.map((r) => (r.status === 'running' ? r.pollAfterMs : null))).toEqual([0, 5_000, 30_000, 30_000, null]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /hook', 'GET /hook', 'GET /hook', 'GET /hook']);
    expect(server.requests[1]?.headers['idempotency-key']).toBeUndefined();
    expect(last(results)).toEqual({
      status: 'succeeded',
      outputs: {
        webhook: {
          statusCode: 202,
          body: { accepted: true },
          statusEndpoint: `${server.origin}/hook`,
          monitor: { statusCode: 200, body: { status: 'success' } },
        },
      },
      tasks: [{ name: 'Call webhook', status: 'SUCCEEDED' }, { name: 'Wait for completion', status: 'SUCCEEDED' }],
    });
  });

  it('polls the Location header (locationHeader), resolving a relative URL', async () => {
    route = (req, res) => (req.method === 'POST' ? sendJson(res, 201, {}, { location: '/jobs/42' }) : sendJson(res, 200, { status: 'DONE' }));
    const results = await runToEnd(context({ ...monitored, statusUrlResolution: 'locationHeader' }));
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /hook', 'GET /jobs/42']);
    expect(last(results)).toMatchObject({ status: 'succeeded', outputs: { webhook: { statusEndpoint: `${server.origin}/jobs/42` } } });
  });

  it('fails clearly when the Location header is missing', async () => {
    route = (_req, res) => sendJson(res, 200, {});
    expect(last(await runToEnd(context({ ...monitored, statusUrlResolution: 'locationHeader' })))).toMatchObject({
      status: 'failed',
      reason: "statusUrlResolution is locationHeader, but the webhook's response (HTTP 200) has no Location header",
    });
  });

  it('polls a URL from the response (webhookResponse + statusUrlJsonPath), sending the custom headers', async () => {
    route = (req, res) =>
      req.method === 'POST' ? sendJson(res, 200, { links: [{ status: `${server.origin}/status/7` }] }) : sendJson(res, 200, { status: 'DONE' });
    const results = await runToEnd(
      context({ ...monitored, statusUrlResolution: 'webhookResponse', statusUrlJsonPath: '$.links[0].status', customHeaders: { 'X-Token': 't' } }),
    );
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /hook', 'GET /status/7']);
    expect(server.requests[1]?.headers['x-token']).toBe('t');
    expect(last(results)).toMatchObject({ status: 'succeeded' });
  });

  it.each([
    ['webhookResponse', { statusUrlResolution: 'webhookResponse', statusUrlJsonPath: '$.statusUrl' }],
    ['locationHeader', { statusUrlResolution: 'locationHeader' }],
  ])('sends no custom headers to a status URL of another origin taken from the answer (%s)', async (_name, resolution) => {
    // localhost and 127.0.0.1 are the same server but different origins: the remote chose where to send the next request.
    const elsewhere = `http://localhost:${server.port}/status/8`;
    route = (req, res) => (req.method === 'POST' ? sendJson(res, 202, { statusUrl: elsewhere }, { location: elsewhere }) : sendJson(res, 200, { status: 'DONE' }));
    const policy: EgressPolicy = { allow: ['127.0.0.1', 'localhost'] };
    const results = await runToEnd(context({ ...monitored, ...resolution, customHeaders: { Authorization: 'Bearer secret', 'X-Api-Key': 'k' } }, policy));
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /hook', 'GET /status/8']);
    expect(server.requests[0]?.headers).toMatchObject({ authorization: 'Bearer secret', 'x-api-key': 'k' });
    expect(server.requests[1]?.headers.authorization).toBeUndefined();
    expect(server.requests[1]?.headers['x-api-key']).toBeUndefined();
    expect(last(results)).toMatchObject({ status: 'succeeded' });
  });

  it('fails clearly when the response has no status URL at the path', async () => {
    route = (_req, res) => sendJson(res, 200, { id: 7 });
    expect(last(await runToEnd(context({ ...monitored, statusUrlResolution: 'webhookResponse', statusUrlJsonPath: '$.statusUrl' })))).toMatchObject({
      status: 'failed',
      reason: "The webhook's response has no status URL at statusUrlJsonPath $.statusUrl",
      details: ['Response body: {"id":7}'],
    });
  });

  it('fails on a terminal status, naming it', async () => {
    route = (req, res) => sendJson(res, 200, req.method === 'POST' ? {} : { status: 'failed', message: 'tests failed' });
    expect(last(await runToEnd(context({ ...monitored, statusUrlResolution: 'getMethod' })))).toMatchObject({
      status: 'failed',
      reason: `The remote work at 127.0.0.1:${server.port} failed (status "failed" is one of terminalStatuses)`,
      outputs: { webhook: { monitor: { body: { status: 'failed', message: 'tests failed' } } } },
    });
  });

  it('fails on a canceled status, naming it', async () => {
    route = (req, res) => sendJson(res, 200, req.method === 'POST' ? {} : { status: 'ABORTED' });
    expect(last(await runToEnd(context({ ...monitored, statusUrlResolution: 'getMethod' })))).toMatchObject({
      status: 'failed',
      reason: `The remote work at 127.0.0.1:${server.port} was canceled (status "ABORTED" is one of canceledStatuses)`,
    });
  });

  it('reports progress and treats a numeric status as percent complete', async () => {
    const steps = [10, 60, 100];
    route = (req, res) => sendJson(res, 200, req.method === 'POST' ? {} : { pct: steps[0], note: `at ${steps.shift()}%` });
    const results = await runToEnd(context({ waitForCompletion: true, statusUrlResolution: 'getMethod', statusJsonPath: '$.pct', progressJsonPath: '$.note' }));
    expect(results[2]).toMatchObject({ status: 'running', outputs: { webhook: { monitor: { percentComplete: 10, progressMessage: 'at 10%' } } } });
    expect(last(results)).toMatchObject({ status: 'succeeded', outputs: { webhook: { monitor: { percentComplete: 100, progressMessage: 'at 100%' } } } });
  });

  it('fails when the status path finds nothing', async () => {
    route = (req, res) => sendJson(res, 200, req.method === 'POST' ? {} : { state: 'DONE' });
    expect(last(await runToEnd(context({ ...monitored, statusUrlResolution: 'getMethod' })))).toMatchObject({
      status: 'failed',
      reason: `The status response from 127.0.0.1:${server.port} has nothing at statusJsonPath $.status`,
    });
  });

  it('keeps polling through a few failed status checks, then gives up', async () => {
    let polls = 0;
    route = (req, res) => (req.method === 'POST' ? sendJson(res, 200, {}) : ++polls === 1 ? sendJson(res, 500, {}) : sendJson(res, polls < 8 ? 503 : 200, { status: 'DONE' }));
    const results = await runToEnd(context({ ...monitored, statusUrlResolution: 'getMethod' }), 20);
    expect(last(results)).toMatchObject({
      status: 'failed',
      reason: `The status check at 127.0.0.1:${server.port} answered HTTP 503; gave up after 5 failed status checks in a row`,
    });
  });
});

describe('webhook stage: cancel', () => {
  it('calls the cancel endpoint with its method and payload when signalCancellation is on', async () => {
    const ctx = context({ signalCancellation: true, cancelEndpoint: `${server.origin}/cancel/42`, cancelMethod: 'delete', cancelPayload: { reason: 'pipeline canceled' } });
    await runToEnd(ctx);
    await webhook.cancel?.(ctx);
    expect(server.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/cancel/42', body: '{"reason":"pipeline canceled"}' });
  });

  it('does nothing without signalCancellation, or before the request could have been sent', async () => {
    const off = context({ cancelEndpoint: `${server.origin}/cancel/42` });
    await runToEnd(off);
    await webhook.cancel?.(off);
    const early = context({ signalCancellation: true, cancelEndpoint: `${server.origin}/cancel/42` });
    await webhook.cancel?.(early);
    expect(server.requests.map((r) => r.path)).toEqual(['/hook']);
  });

  it('only logs a cancel endpoint that fails', async () => {
    route = (_req, res) => sendJson(res, 500, {});
    const ctx = context({ signalCancellation: true, cancelEndpoint: `${server.origin}/cancel/42` });
    ctx.state = { idempotencyKey: 'k', phase: 'monitor', failedAttempts: 0, failedPolls: 0 };
    await expect(webhook.cancel?.(ctx)).resolves.toBeUndefined();
  });
});
