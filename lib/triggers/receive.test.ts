import { describe, expect, it } from 'vitest';
import { pingPayload, pushPayload } from '@/e2e/github/payloads';
import { signWebhookBody } from '@/e2e/github/webhooks';
import type { TriggerAttemptInput } from '../db/trigger-attempts';
import type { StartOutcome, StartRequest } from '../engine/start-types';
import { InputError } from '../errors';
import type { TriggerPipeline } from './evaluate';
import { receiveDockerHub, receiveGitHub, receiveWebhook, type ReceiveDeps } from './receive';
import { dockerHubPayload } from './test-fixtures';

const utf8 = new TextEncoder();

function world(pipelines: TriggerPipeline[]) {
  const started: StartRequest[] = [];
  const attempts: TriggerAttemptInput[] = [];
  const seen = new Set<string>();
  const deps: ReceiveDeps = {
    listPipelines: async (type) => pipelines.filter((p) => p.triggers.some((t) => (t as { type?: string }).type === type)),
    start: async (request): Promise<StartOutcome> => {
      started.push(request);
      const key = request.delivery ? `${request.delivery.source}/${request.delivery.id}` : `${started.length}`;
      if (seen.has(key)) return { kind: 'duplicate', reason: 'already received' };
      seen.add(key);
      return { kind: 'started', executionId: `E${started.length}` };
    },
    record: async (list) => {
      attempts.push(...list);
    },
  };
  return { deps, started, attempts };
}

const pipeline = (id: string, triggers: unknown[], disabled = false): TriggerPipeline => ({ id, application: 'shop', name: `p-${id}`, disabled, triggers });
const git = (fields: Record<string, unknown> = {}) => ({ type: 'git', enabled: true, source: 'github', project: 'acme', slug: 'web', branch: 'main', ...fields });

function github(event: string, payload: unknown, opts: { secret?: string; sha1?: boolean; delivery?: string | null; headers?: Record<string, string>; raw?: string } = {}) {
  const body = utf8.encode(opts.raw ?? JSON.stringify(payload));
  const headers = new Headers({ 'content-type': 'application/json', 'x-github-event': event, ...opts.headers });
  if (opts.delivery !== null) headers.set('x-github-delivery', opts.delivery ?? 'b0c6e2f0-0000-11ef-8000-000000000001');
  if (opts.secret !== undefined) headers.set(opts.sha1 ? 'x-hub-signature' : 'x-hub-signature-256', signWebhookBody(body, opts.secret, opts.sha1 ? 'sha1' : 'sha256'));
  return { headers, url: new URL('http://foresail.test/api/webhooks/github'), body };
}

const sha = 'c'.repeat(40);
const mainPush = pushPayload({ owner: 'Acme', repo: 'Web', branch: 'main', after: sha });

describe('receiveGitHub', () => {
  it('answers ping with 200 and starts nothing', async () => {
    const { deps, started, attempts } = world([pipeline('p1', [git()])]);
    const res = await receiveGitHub(github('ping', pingPayload({ owner: 'acme', repo: 'web', url: 'http://foresail.test/api/webhooks/github', hookId: 42 })), deps);
    expect(res).toEqual({ status: 200, body: { ok: true, event: 'ping', delivery: 'b0c6e2f0-0000-11ef-8000-000000000001', hookId: 42 } });
    expect([started.length, attempts.length]).toEqual([0, 0]);
  });

  it('starts matching pipelines with the git trigger, one delivery key per pipeline', async () => {
    const { deps, started } = world([pipeline('p1', [git()]), pipeline('p2', [git({ branch: '' })]), pipeline('p3', [git({ slug: 'api' })])]);
    const res = await receiveGitHub(github('push', mainPush), deps);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      event: 'push',
      repository: 'Acme/Web',
      branch: 'main',
      results: [
        { pipelineId: 'p1', application: 'shop', outcome: 'started', executionId: 'E1' },
        { pipelineId: 'p2', application: 'shop', outcome: 'started', executionId: 'E2' },
      ],
    });
    expect(started[0]).toMatchObject({
      pipelineId: 'p1',
      source: 'github',
      authentication: { user: null, roles: [] },
      delivery: { source: 'github', id: 'b0c6e2f0-0000-11ef-8000-000000000001:p1' },
      trigger: { type: 'git', source: 'github', project: 'acme', slug: 'web', branch: 'main', hash: sha, action: 'push' },
    });
    expect(started[1]?.delivery?.id).toBe('b0c6e2f0-0000-11ef-8000-000000000001:p2');
  });

  it('a redelivery is a duplicate (the engine de-duplicates by delivery key)', async () => {
    const { deps } = world([pipeline('p1', [git()])]);
    await receiveGitHub(github('push', mainPush), deps);
    const again = await receiveGitHub(github('push', mainPush), deps);
    expect(again.body.results).toEqual([{ pipelineId: 'p1', application: 'shop', outcome: 'duplicate', reason: 'already received' }]);
  });

  it('records why a push started nothing: wrong branch, or no pipeline on the repository', async () => {
    const { deps, started, attempts } = world([pipeline('p1', [git({ branch: '^main$' })])]);
    const res = await receiveGitHub(github('push', pushPayload({ owner: 'acme', repo: 'web', branch: 'feature/x', after: sha }), { delivery: 'd-2' }), deps);
    expect(res.body.results).toEqual([{ pipelineId: 'p1', application: 'shop', outcome: 'ignored', reason: 'trigger 1: branch feature/x does not match ^main$' }]);
    const other = await receiveGitHub(github('push', pushPayload({ owner: 'acme', repo: 'api', branch: 'main', after: sha }), { delivery: 'd-3' }), deps);
    expect(other.body).toMatchObject({ results: [], message: 'no pipeline triggers on acme/api' });
    expect(started).toEqual([]);
    expect(attempts).toEqual([
      { source: 'github', deliveryId: 'd-2', application: 'shop', pipelineId: 'p1', outcome: 'ignored', reason: 'trigger 1: branch feature/x does not match ^main$', details: { event: 'push', repository: 'acme/web', branch: 'feature/x', hash: sha } },
      { source: 'github', deliveryId: 'd-3', outcome: 'ignored', reason: 'no pipeline triggers on acme/api', details: { event: 'push', repository: 'acme/api', branch: 'main', hash: sha } },
    ]);
  });

  it('checks each trigger secret: SHA-256, legacy SHA-1, wrong secret, missing signature', async () => {
    const { deps, attempts } = world([pipeline('p1', [git({ secret: 'hush' })])]);
    const outcome = async (opts: Parameters<typeof github>[2]) => ((await receiveGitHub(github('push', mainPush, { delivery: `d-${Math.random()}`, ...opts }), deps)).body.results as { outcome: string; reason?: string }[])[0];
    expect(await outcome({ secret: 'hush' })).toMatchObject({ outcome: 'started' });
    expect(await outcome({ secret: 'hush', sha1: true })).toMatchObject({ outcome: 'started' });
    expect(await outcome({ secret: 'wrong' })).toEqual({ pipelineId: 'p1', application: 'shop', outcome: 'refused', reason: "trigger 1: signature invalid: X-Hub-Signature-256 does not match the trigger's secret" });
    expect(await outcome({})).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/carries no X-Hub-Signature-256/) });
    expect(attempts.map((a) => a.outcome)).toEqual(['refused', 'refused']);
  });

  it('a signed delivery to a trigger without a secret is refused (reference §2.4)', async () => {
    const { deps } = world([pipeline('p1', [git()])]);
    const res = await receiveGitHub(github('push', mainPush, { secret: 'x' }), deps);
    expect(res.body.results).toMatchObject([{ outcome: 'refused', reason: expect.stringMatching(/signed but the trigger has no secret/) }]);
  });

  it('records events that do not start pipelines', async () => {
    const { deps, attempts } = world([pipeline('p1', [git()])]);
    const res = await receiveGitHub(github('issues', { action: 'opened' }), deps);
    expect(res).toMatchObject({ status: 202, body: { event: 'issues', results: [], message: 'GitHub event "issues" does not start pipelines (only push does)' } });
    expect(attempts).toHaveLength(1);
  });

  it('reads form-encoded deliveries (payload=…) and checks the signature over the raw form body', async () => {
    const { deps } = world([pipeline('p1', [git({ secret: 'hush' })])]);
    const raw = `payload=${encodeURIComponent(JSON.stringify(mainPush))}`;
    const res = await receiveGitHub(github('push', undefined, { raw, secret: 'hush', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), deps);
    expect(res.body.results).toMatchObject([{ outcome: 'started' }]);
  });

  it('refuses bad input with InputError (400), never anything worse', async () => {
    const { deps } = world([]);
    await expect(receiveGitHub(github('push', mainPush, { headers: {}, delivery: null }), deps)).rejects.toThrow('X-GitHub-Delivery header is missing');
    await expect(receiveGitHub(github('push', mainPush, { delivery: 'bad id with spaces' }), deps)).rejects.toThrow(/X-GitHub-Delivery must be/);
    const noEvent = github('push', mainPush);
    noEvent.headers.delete('x-github-event');
    await expect(receiveGitHub(noEvent, deps)).rejects.toThrow(/X-GitHub-Event header is missing/);
    await expect(receiveGitHub(github('push', undefined, { raw: '{"ref":' }), deps)).rejects.toThrow(/not valid JSON/);
    await expect(receiveGitHub(github('push', undefined, { raw: '' }), deps)).rejects.toThrow(/body is empty/);
    await expect(receiveGitHub(github('push', { ref: 'refs/heads/main' }), deps)).rejects.toBeInstanceOf(InputError);
  });
});

describe('receiveDockerHub', () => {
  const docker = (fields: Record<string, unknown> = {}) => ({ type: 'docker', enabled: true, repository: 'acme/web', secret: 'tok', ...fields });
  const request = (repo: string, tag: string, token: string | null = 'tok', headers: Record<string, string> = {}) => ({
    headers: new Headers({ 'content-type': 'application/json', ...headers }),
    url: new URL(`http://foresail.test/api/webhooks/docker${token === null ? '' : `?token=${token}`}`),
    body: utf8.encode(JSON.stringify(dockerHubPayload(repo, tag))),
  });

  it('starts with the tag and the image artifact, de-duplicating retries of the same push', async () => {
    const { deps, started } = world([pipeline('p1', [docker({ tag: 'v.*' })])]);
    const res = await receiveDockerHub(request('acme/web', 'v2'), deps);
    expect(res).toMatchObject({ status: 202, body: { event: 'push', repository: 'acme/web', tag: 'v2', results: [{ pipelineId: 'p1', outcome: 'started' }] } });
    expect(started[0]).toMatchObject({ source: 'docker', delivery: { source: 'docker', id: 'acme/web:v2:1717000000:p1' }, trigger: { type: 'docker', tag: 'v2', artifacts: [{ reference: 'index.docker.io/acme/web:v2' }] } });
    expect((await receiveDockerHub(request('acme/web', 'v2'), deps)).body.results).toMatchObject([{ outcome: 'duplicate' }]);
  });

  it('latest does not fire a trigger without a tag; the token can come in a header', async () => {
    const { deps, attempts } = world([pipeline('p1', [docker()])]);
    expect((await receiveDockerHub(request('acme/web', 'latest'), deps)).body.results).toMatchObject([{ outcome: 'ignored', reason: expect.stringMatching(/tag latest does not fire/) }]);
    expect((await receiveDockerHub(request('acme/web', '1.0', null, { 'x-foresail-token': 'tok' }), deps)).body.results).toMatchObject([{ outcome: 'started' }]);
    expect(attempts).toHaveLength(1);
  });

  it('refuses without the right token, or when the trigger has no secret', async () => {
    const { deps } = world([pipeline('p1', [docker()]), pipeline('p2', [docker({ secret: undefined })])]);
    const res = await receiveDockerHub(request('acme/web', '1.0', 'nope'), deps);
    expect(res.body.results).toMatchObject([
      { pipelineId: 'p1', outcome: 'refused', reason: expect.stringMatching(/token invalid/) },
      { pipelineId: 'p2', outcome: 'refused', reason: expect.stringMatching(/has no secret/) },
    ]);
  });

  it('records a push no pipeline watches, and refuses a body that is not a Docker Hub push', async () => {
    const { deps, attempts } = world([]);
    expect((await receiveDockerHub(request('acme/other', '1'), deps)).body).toMatchObject({ message: 'no pipeline has a docker trigger on acme/other' });
    expect(attempts).toMatchObject([{ source: 'docker', outcome: 'ignored', reason: 'no pipeline has a docker trigger on acme/other' }]);
    await expect(receiveDockerHub({ ...request('a/b', '1'), body: utf8.encode('{"hello":1}') }, deps)).rejects.toThrow(/not a Docker Hub push payload/);
  });
});

describe('receiveWebhook', () => {
  const hook = (fields: Record<string, unknown> = {}) => ({ type: 'webhook', enabled: true, source: 'ci', secret: 'tok', payloadConstraints: { 'build.result': 'SUCCESS' }, ...fields });
  const request = (body: unknown, token: string | null = 'tok', headers: Record<string, string> = {}) => ({
    headers: new Headers({ 'content-type': 'application/json', ...headers }),
    url: new URL(`http://foresail.test/api/webhooks/webhook/ci${token === null ? '' : `?token=${token}`}`),
    body: utf8.encode(JSON.stringify(body)),
  });

  it('starts when constraints hold, passing payload, parameters and artifacts', async () => {
    const { deps, started } = world([pipeline('p1', [hook()])]);
    const body = { build: { result: 'SUCCESS' }, parameters: { version: 7 }, artifacts: [{ type: 'docker/image', name: 'acme/web', reference: 'acme/web:7' }] };
    const res = await receiveWebhook('ci', request(body, 'tok', { 'x-foresail-delivery': 'build-7' }), deps);
    expect(res).toMatchObject({ status: 202, body: { source: 'ci', results: [{ outcome: 'started' }] } });
    expect(started[0]).toMatchObject({ source: 'webhook', delivery: { source: 'webhook', id: 'build-7:p1' }, trigger: { type: 'webhook', source: 'ci', payload: body, parameters: { version: '7' }, artifacts: body.artifacts } });
    expect(started[0]?.trigger).not.toHaveProperty('secret');
  });

  it('records unsatisfied constraints, missing secrets and unknown sources', async () => {
    const { deps, attempts } = world([pipeline('p1', [hook()]), pipeline('p2', [hook({ secret: undefined, payloadConstraints: {} })])]);
    const res = await receiveWebhook('ci', request({ build: { result: 'FAILURE' } }), deps);
    expect(res.body.results).toMatchObject([
      { pipelineId: 'p1', outcome: 'ignored', reason: 'trigger 1: build.result is "FAILURE", which does not match SUCCESS' },
      { pipelineId: 'p2', outcome: 'refused', reason: expect.stringMatching(/has no secret/) },
    ]);
    expect((await receiveWebhook('nightly', request({}), deps)).body).toMatchObject({ message: 'no pipeline has a webhook trigger with source "nightly"' });
    expect(attempts.map((a) => a.outcome)).toEqual(['ignored', 'refused', 'ignored']);
  });

  it('refuses bad sources and bodies with InputError', async () => {
    const { deps } = world([]);
    await expect(receiveWebhook('bad source!', request({}), deps)).rejects.toThrow(/webhook source/);
    await expect(receiveWebhook('ci', request([1, 2]), deps)).rejects.toThrow('Webhook body: the request body must be a JSON object');
    await expect(receiveWebhook('ci', request({ parameters: 'x' }), deps)).rejects.toThrow(/Webhook body: parameters/);
  });
});
