import { describe, expect, it } from 'vitest';
import { pingPayload, pushPayload } from '@/e2e/github/payloads';
import { signWebhookBody } from '@/e2e/github/webhooks';
import type { TriggerAttemptInput } from '../db/trigger-attempts';
import type { StartOutcome, StartRequest } from '../engine/start-types';
import { InputError } from '../errors';
import type { TriggerPipeline } from './evaluate';
import type { Admission } from './rate-limit';
import { receiveDockerHub, receiveGitHub, receiveWebhook, type ReceiveDeps } from './receive';
import { dockerHubPayload } from './test-fixtures';

const utf8 = new TextEncoder();

function world(pipelines: TriggerPipeline[], admission: Admission = { ok: true }) {
  const started: StartRequest[] = [];
  const attempts: TriggerAttemptInput[] = [];
  const seen = new Set<string>();
  const bodies = new Map<string, string>();
  const deps: ReceiveDeps = {
    admit: () => admission,
    claimSignedBody: async ({ source, bodyHash, deliveryId }) => {
      const first = bodies.get(`${source}/${bodyHash}`);
      if (first === undefined) bodies.set(`${source}/${bodyHash}`, deliveryId);
      return first === undefined || first === deliveryId ? undefined : { deliveryId: first, at: '2026-12-07T00:00:00Z' };
    },
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
    serviceAccounts: () => [{ name: 'shop-deployer', roles: ['deployers', 'release-managers'] }],
  };
  return { deps, started, attempts };
}

const pipeline = (id: string, triggers: unknown[], disabled = false): TriggerPipeline => ({ id, application: 'shop', name: `p-${id}`, disabled, triggers });
/** A git trigger; unsigned deliveries need allowUnsigned (tests of secrets override it). */
const git = (fields: Record<string, unknown> = {}) => ({ type: 'git', enabled: true, source: 'github', project: 'acme', slug: 'web', branch: 'main', allowUnsigned: true, ...fields });

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
    expect(res.body).toEqual({ accepted: 2, refused: 0 });
    expect(res.report).toMatchObject({
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

  it('a push trigger with runAsUser starts as that service account; an unknown one is refused (the sender sees a count only)', async () => {
    const { deps, started, attempts } = world([pipeline('p1', [git({ runAsUser: 'shop-deployer' })]), pipeline('p2', [git({ runAsUser: 'left-the-company' })])]);
    const res = await receiveGitHub(github('push', mainPush), deps);
    expect(res.body).toEqual({ accepted: 1, refused: 1 });
    expect(started.map((r) => [r.pipelineId, r.authentication, r.trigger.user, r.trigger.runAsUser])).toEqual([['p1', { user: 'shop-deployer', roles: ['deployers', 'release-managers'] }, undefined, 'shop-deployer']]);
    expect(attempts).toEqual([expect.objectContaining({ pipelineId: 'p2', outcome: 'refused', reason: expect.stringContaining('"left-the-company", which is not configured') })]);
  });

  it('a redelivery is a duplicate (the engine de-duplicates by delivery key)', async () => {
    const { deps } = world([pipeline('p1', [git()])]);
    await receiveGitHub(github('push', mainPush), deps);
    const again = await receiveGitHub(github('push', mainPush), deps);
    expect(again.report?.results).toEqual([{ pipelineId: 'p1', application: 'shop', outcome: 'duplicate', reason: 'already received' }]);
  });

  it('records why a push started nothing: wrong branch, or no pipeline on the repository', async () => {
    const { deps, started, attempts } = world([pipeline('p1', [git({ branch: '^main$' })])]);
    const res = await receiveGitHub(github('push', pushPayload({ owner: 'acme', repo: 'web', branch: 'feature/x', after: sha }), { delivery: 'd-2' }), deps);
    expect(res.report?.results).toEqual([{ pipelineId: 'p1', application: 'shop', outcome: 'ignored', reason: 'trigger 1: branch feature/x does not match ^main$' }]);
    const other = await receiveGitHub(github('push', pushPayload({ owner: 'acme', repo: 'api', branch: 'main', after: sha }), { delivery: 'd-3' }), deps);
    expect(other.report).toMatchObject({ results: [], message: 'no pipeline triggers on acme/api' });
    expect(other.body).toEqual({ accepted: 0, refused: 0 });
    expect(started).toEqual([]);
    expect(attempts).toEqual([
      { source: 'github', deliveryId: 'd-2', application: 'shop', pipelineId: 'p1', outcome: 'ignored', reason: 'trigger 1: branch feature/x does not match ^main$', details: { event: 'push', repository: 'acme/web', branch: 'feature/x', hash: sha } },
      { source: 'github', deliveryId: 'd-3', outcome: 'ignored', reason: 'no pipeline triggers on acme/api', details: { event: 'push', repository: 'acme/api', branch: 'main', hash: sha } },
    ]);
  });

  it('checks each trigger secret: SHA-256, legacy SHA-1, wrong secret, missing signature', async () => {
    const { deps, attempts } = world([pipeline('p1', [git({ secret: 'hush' })])]);
    const outcome = async (opts: Parameters<typeof github>[2]) => ((await receiveGitHub(github('push', mainPush, { delivery: `d-${Math.random()}`, ...opts }), deps)).report?.results as { outcome: string; reason?: string }[])[0];
    expect(await outcome({ secret: 'hush' })).toMatchObject({ outcome: 'started' });
    // Another body: the same signed body under a new delivery id would be a replay.
    expect(await outcome({ secret: 'hush', sha1: true, raw: JSON.stringify(mainPush, null, 1) })).toMatchObject({ outcome: 'started' });
    expect(await outcome({ secret: 'wrong' })).toEqual({ pipelineId: 'p1', application: 'shop', outcome: 'refused', reason: "trigger 1: signature invalid: X-Hub-Signature-256 does not match the trigger's secret" });
    expect(await outcome({})).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/carries no X-Hub-Signature-256/) });
    expect(attempts.map((a) => a.outcome)).toEqual(['refused', 'refused']);
  });

  it('a signed delivery to a trigger without a secret is refused (reference §2.4)', async () => {
    const { deps } = world([pipeline('p1', [git()])]);
    const res = await receiveGitHub(github('push', mainPush, { secret: 'x' }), deps);
    expect(res.report?.results).toMatchObject([{ outcome: 'refused', reason: expect.stringMatching(/signed but the trigger has no secret/) }]);
  });

  it('records events that do not start pipelines', async () => {
    const { deps, attempts } = world([pipeline('p1', [git()])]);
    const res = await receiveGitHub(github('issues', { action: 'opened' }), deps);
    expect(res).toMatchObject({ status: 202, body: { accepted: 0, refused: 0 }, report: { results: [], message: 'GitHub event "issues" does not start pipelines (only push does)' } });
    expect(attempts).toHaveLength(1);
  });

  it('reads form-encoded deliveries (payload=…) and checks the signature over the raw form body', async () => {
    const { deps } = world([pipeline('p1', [git({ secret: 'hush' })])]);
    const raw = `payload=${encodeURIComponent(JSON.stringify(mainPush))}`;
    const res = await receiveGitHub(github('push', undefined, { raw, secret: 'hush', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), deps);
    expect(res.report?.results).toMatchObject([{ outcome: 'started' }]);
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
    expect(res).toMatchObject({ status: 202, body: { accepted: 1, refused: 0 }, report: { results: [{ pipelineId: 'p1', outcome: 'started' }] } });
    expect(started[0]).toMatchObject({ source: 'docker', delivery: { source: 'docker', id: 'acme/web:v2:1717000000:p1' }, trigger: { type: 'docker', tag: 'v2', artifacts: [{ reference: 'index.docker.io/acme/web:v2' }] } });
    expect((await receiveDockerHub(request('acme/web', 'v2'), deps)).report?.results).toMatchObject([{ outcome: 'duplicate' }]);
  });

  it('latest does not fire a trigger without a tag; the token can come in a header', async () => {
    const { deps, attempts } = world([pipeline('p1', [docker()])]);
    expect((await receiveDockerHub(request('acme/web', 'latest'), deps)).report?.results).toMatchObject([{ outcome: 'ignored', reason: expect.stringMatching(/tag latest does not fire/) }]);
    expect((await receiveDockerHub(request('acme/web', '1.0', null, { 'x-foresail-token': 'tok' }), deps)).report?.results).toMatchObject([{ outcome: 'started' }]);
    expect(attempts).toHaveLength(1);
  });

  it('refuses without the right token, or when the trigger has no secret', async () => {
    const { deps } = world([pipeline('p1', [docker()]), pipeline('p2', [docker({ secret: undefined })])]);
    const res = await receiveDockerHub(request('acme/web', '1.0', 'nope'), deps);
    expect(res.report?.results).toMatchObject([
      { pipelineId: 'p1', outcome: 'refused', reason: expect.stringMatching(/token invalid/) },
      { pipelineId: 'p2', outcome: 'refused', reason: expect.stringMatching(/has no secret/) },
    ]);
  });

  it('records a push no pipeline watches, and refuses a body that is not a Docker Hub push', async () => {
    const { deps, attempts } = world([]);
    expect((await receiveDockerHub(request('acme/other', '1'), deps)).report).toMatchObject({ message: 'no pipeline has a docker trigger on acme/other' });
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
    expect(res).toMatchObject({ status: 202, body: { accepted: 1, refused: 0 }, report: { results: [{ outcome: 'started' }] } });
    expect(started[0]).toMatchObject({ source: 'webhook', delivery: { source: 'webhook', id: 'build-7:p1' }, trigger: { type: 'webhook', source: 'ci', payload: body, parameters: { version: '7' }, artifacts: body.artifacts } });
    expect(started[0]?.trigger).not.toHaveProperty('secret');
  });

  it('records unsatisfied constraints, missing secrets and unknown sources', async () => {
    const { deps, attempts } = world([pipeline('p1', [hook()]), pipeline('p2', [hook({ secret: undefined, payloadConstraints: {} })])]);
    const res = await receiveWebhook('ci', request({ build: { result: 'FAILURE' } }), deps);
    expect(res.report?.results).toMatchObject([
      { pipelineId: 'p1', outcome: 'ignored', reason: 'trigger 1: build.result is "FAILURE", which does not match SUCCESS' },
      { pipelineId: 'p2', outcome: 'refused', reason: expect.stringMatching(/has no secret/) },
    ]);
    expect((await receiveWebhook('nightly', request({}), deps)).report).toMatchObject({ message: 'no pipeline has a webhook trigger with source "nightly"' });
    expect(attempts.map((a) => a.outcome)).toEqual(['ignored', 'refused', 'ignored']);
  });

  it('refuses bad sources and bodies with InputError', async () => {
    const { deps } = world([]);
    await expect(receiveWebhook('bad source!', request({}), deps)).rejects.toThrow(/webhook source/);
    await expect(receiveWebhook('ci', request([1, 2]), deps)).rejects.toThrow('Webhook body: the request body must be a JSON object');
    await expect(receiveWebhook('ci', request({ parameters: 'x' }), deps)).rejects.toThrow(/Webhook body: parameters/);
  });
});

describe('anonymous webhook endpoints (security review 13.5)', () => {
  const guarded = (fields: Record<string, unknown> = {}) => git({ allowUnsigned: undefined, secret: 'hush', ...fields });

  it('tell the sender counts only: no application, pipeline id, reason or pattern', async () => {
    const { deps } = world([pipeline('p1', [guarded({ branch: 'release/[0-9]+' })]), pipeline('p2', [git()])]);
    const res = await receiveGitHub(github('push', mainPush, { secret: 'wrong' }), deps);
    expect(res).toMatchObject({ status: 202, body: { accepted: 0, refused: 2 } });
    expect(Object.keys(res.body).sort()).toEqual(['accepted', 'refused']);
    expect(JSON.stringify(res.body)).not.toMatch(/shop|p1|p2|release|signature/);
  });

  it('a git trigger without a secret refuses unsigned pushes unless allowUnsigned is true, and says why in the log', async () => {
    const { deps, attempts } = world([pipeline('p1', [git({ allowUnsigned: undefined })]), pipeline('p2', [git({ allowUnsigned: 'true' })])]);
    const res = await receiveGitHub(github('push', mainPush), deps);
    expect(res.body).toEqual({ accepted: 1, refused: 1 });
    expect(res.report?.results).toMatchObject([
      { pipelineId: 'p1', outcome: 'refused' },
      { pipelineId: 'p2', outcome: 'started' },
    ]);
    expect(attempts).toMatchObject([{ pipelineId: 'p1', outcome: 'refused', reason: expect.stringMatching(/trigger 1: the trigger has no secret, so unsigned pushes are refused.*allowUnsigned: true/) }]);
  });

  it('checks the signature before the branch pattern: a forged push learns nothing about the pattern', async () => {
    const { deps, attempts } = world([pipeline('p1', [guarded({ branch: 'release/.*' })])]);
    await receiveGitHub(github('push', mainPush, { secret: 'forged' }), deps);
    expect(attempts).toMatchObject([{ outcome: 'refused', reason: expect.stringMatching(/signature invalid/) }]);
    expect(attempts[0]?.reason).not.toMatch(/release|branch/);
  });

  it('checks the token before payload constraints (generic webhook) and the tag pattern (Docker Hub)', async () => {
    const { deps, attempts } = world([pipeline('p1', [{ type: 'webhook', enabled: true, source: 'ci', secret: 'tok', payloadConstraints: { branch: '([a-z0-9]+-?)+' } }])]);
    const body = { branch: `${'a'.repeat(9_999)}!` };
    const res = await receiveWebhook('ci', { headers: new Headers({ 'content-type': 'application/json' }), url: new URL('http://foresail.test/api/webhooks/webhook/ci?token=bad'), body: utf8.encode(JSON.stringify(body)) }, deps);
    expect(res.body).toEqual({ accepted: 0, refused: 1 });
    expect(attempts).toMatchObject([{ outcome: 'refused', reason: 'trigger 1: token invalid: it does not match the trigger\'s secret' }]);
    const docker = world([pipeline('p2', [{ type: 'docker', enabled: true, repository: 'acme/web', tag: 'v.*', secret: 'tok' }])]);
    await receiveDockerHub({ headers: new Headers({ 'content-type': 'application/json' }), url: new URL('http://foresail.test/api/webhooks/docker'), body: utf8.encode(JSON.stringify(dockerHubPayload('acme/web', 'x1'))) }, docker.deps);
    expect(docker.attempts).toMatchObject([{ outcome: 'refused', reason: expect.stringMatching(/token missing/) }]);
  });

  it('a matched payload constraint ([a-z0-9]+-?)+ on 10,000 characters answers at once (no ReDoS)', async () => {
    const { deps, attempts } = world([pipeline('p1', [{ type: 'webhook', enabled: true, source: 'ci', secret: 'tok', payloadConstraints: { branch: '([a-z0-9]+-?)+' } }])]);
    const body = { branch: `${'a'.repeat(9_999)}!` };
    const res = await receiveWebhook('ci', { headers: new Headers({ 'content-type': 'application/json' }), url: new URL('http://foresail.test/api/webhooks/webhook/ci?token=tok'), body: utf8.encode(JSON.stringify(body)) }, deps);
    expect(res.body).toEqual({ accepted: 0, refused: 0 });
    expect(attempts).toMatchObject([{ outcome: 'ignored', reason: expect.stringMatching(/^trigger 1: branch is "a+…", which does not match/) }]);
  });

  it('refuses a replay: the same signed body under a new delivery id; the same delivery again stays a duplicate', async () => {
    const { deps, started, attempts } = world([pipeline('p1', [guarded()])]);
    expect((await receiveGitHub(github('push', mainPush, { secret: 'hush', delivery: 'd-1' }), deps)).body).toEqual({ accepted: 1, refused: 0 });
    const replay = await receiveGitHub(github('push', mainPush, { secret: 'hush', delivery: 'd-2' }), deps);
    expect(replay.body).toEqual({ accepted: 0, refused: 1 });
    expect(attempts).toMatchObject([{ deliveryId: 'd-2', outcome: 'refused', reason: 'replayed: this signed body was already accepted as delivery d-1 at 2026-12-07T00:00:00Z; a new delivery id does not make it a new push' }]);
    expect((await receiveGitHub(github('push', mainPush, { secret: 'hush', delivery: 'd-1' }), deps)).report?.results).toMatchObject([{ outcome: 'duplicate' }]);
    expect(started.map((s) => s.delivery?.id)).toEqual(['d-1:p1', 'd-1:p1']);
  });

  it('answers 429 with Retry-After over the rate limit, before reading or recording anything', async () => {
    const { deps, attempts, started } = world([pipeline('p1', [git()])], { ok: false, retryAfterSeconds: 7, reason: 'too many webhook deliveries from this sender; retry later' });
    for (const res of [
      await receiveGitHub(github('push', mainPush), deps),
      await receiveDockerHub({ headers: new Headers(), url: new URL('http://foresail.test/api/webhooks/docker'), body: utf8.encode('not json') }, deps),
      await receiveWebhook('ci', { headers: new Headers(), url: new URL('http://foresail.test/api/webhooks/webhook/ci'), body: utf8.encode('{}') }, deps),
    ]) {
      expect(res).toEqual({ status: 429, body: { error: 'rate_limited', message: 'too many webhook deliveries from this sender; retry later' }, headers: { 'Retry-After': '7' } });
    }
    expect([attempts.length, started.length]).toEqual([0, 0]);
  });
});
