/**
 * The webhook routes against a real database and the real engine start (startExecution): GitHub
 * deliveries go through the GitHub helper (sendGitHubWebhook), with fetch routed to the handler.
 * The sender is told counts only; what happened per pipeline is read from the trigger-attempts log.
 */
import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pingPayload, pushPayload } from '@/e2e/github/payloads';
import { sendGitHubWebhook, type WebhookDelivery } from '@/e2e/github/webhooks';
import { useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import { getDb } from '@/lib/db/client';
import { closePool } from '@/lib/db/pool';
import { insertPipeline } from '@/lib/db/pipelines';
import { listTriggerAttempts, recordTriggerAttempts } from '@/lib/db/trigger-attempts';
import { dockerHubPayload } from '@/lib/triggers/test-fixtures';
import { POST as docker } from './docker/route';
import { POST as github } from './github/route';
import { POST as generic } from './webhook/[source]/route';
import { peerAddressHeader } from '@/lib/runtime/peer-address-header';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });

const url = 'http://foresail.test/api/webhooks/github';
const sha = 'f'.repeat(40);
const stages = [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Wait', waitTime: 1 }];

beforeAll(async () => {
  await createApplication({ name: 'shop', ownerEmail: 'shop@example.com', description: '', permissions: { READ: ['devs'], WRITE: ['devs'], EXECUTE: ['devs'] } });
  // sendGitHubWebhook speaks HTTP; here the "network" is the route handler itself.
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) => github(new NextRequest(String(input), init as ConstructorParameters<typeof NextRequest>[1]), { params: Promise.resolve({}) }));
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await closePool(); // the engine's pool, before the test database is dropped
});

/** A pipeline with these triggers; concurrency unlimited so every start is "started", not "queued". */
async function pipelineWith(triggers: unknown[], extra: Record<string, unknown> = {}): Promise<string> {
  const id = randomUUID();
  const name = `p-${id.slice(0, 8)}`;
  await insertPipeline({ id, application: 'shop', name, config: { id, name, application: 'shop', limitConcurrent: false, stages, triggers, ...extra }, disabled: false, locked: false, by: 'test', action: 'create' });
  return id;
}
const executionsOf = (pipelineId: string) => getDb().execution.findMany({ where: { pipelineId }, select: { id: true, trigger: true, status: true } });
const attemptsOf = async (pipelineId: string) => (await listTriggerAttempts({ pipelineId, limit: 200 })).attempts;

type Answer = { accepted: number; refused: number } & Record<string, unknown>;
async function deliver(opts: Omit<WebhookDelivery, 'url'>): Promise<{ status: number; body: Answer; deliveryId: string }> {
  const res = await sendGitHubWebhook({ url, ...opts });
  return { status: res.status, body: JSON.parse(res.body) as Answer, deliveryId: res.deliveryId };
}
/** A git trigger; unsigned test pushes need allowUnsigned (tests of secrets override it). */
const git = (repo: string, fields: Record<string, unknown> = {}) => ({ type: 'git', enabled: true, source: 'github', project: 'acme', slug: repo, branch: 'main', allowUnsigned: true, ...fields });
/** Outcomes of a pipeline's attempts, oldest first. */
const outcomesOf = async (pipelineId: string) => (await attemptsOf(pipelineId)).reverse().map((a) => ({ outcome: a.outcome, reason: a.reason, executionId: a.executionId, deliveryId: a.deliveryId }));
const push = (repo: string, branch = 'main', owner = 'acme') => pushPayload({ owner, repo, branch, after: sha });

describe('POST /api/webhooks/github', () => {
  it('answers ping with 200', async () => {
    const res = await deliver({ event: 'ping', payload: pingPayload({ owner: 'acme', repo: 'web', url }), secret: 'whatever' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, event: 'ping' });
  });

  it('starts the pipeline for a signed push, case-insensitively on owner and repository; the sender is told a count', async () => {
    const id = await pipelineWith([git('shop-web', { project: 'ACME', slug: 'Shop-Web', secret: 'hush', allowUnsigned: undefined })]);
    const res = await deliver({ event: 'push', payload: push('shop-web', 'main', 'Acme'), secret: 'hush' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 1, refused: 0 });
    const [execution] = await executionsOf(id);
    expect(await outcomesOf(id)).toMatchObject([{ outcome: 'started', executionId: execution?.id }]);
    expect(execution?.trigger).toMatchObject({ type: 'git', source: 'github', branch: 'main', hash: sha, action: 'push', eventId: res.deliveryId });
    expect(execution?.trigger).not.toHaveProperty('secret');
    expect((await attemptsOf(id)).map((a) => [a.outcome, a.source])).toEqual([['started', 'github']]);
  });

  it('accepts the legacy SHA-1 signature alone', async () => {
    const id = await pipelineWith([git('legacy', { secret: 'hush' })]);
    await deliver({ event: 'push', payload: push('legacy'), secret: 'hush', signatures: ['sha1'] });
    expect(await outcomesOf(id)).toMatchObject([{ outcome: 'started' }]);
  });

  it('refuses a bad signature, a tampered body and a missing signature, and records why', async () => {
    const id = await pipelineWith([git('guarded', { secret: 'hush' })]);
    const wrong = await deliver({ event: 'push', payload: push('guarded'), secret: 'not-it' });
    const tampered = await deliver({ event: 'push', payload: push('guarded'), secret: 'hush', tamper: true });
    const unsigned = await deliver({ event: 'push', payload: push('guarded') });
    for (const res of [wrong, tampered, unsigned]) expect(res).toMatchObject({ status: 202, body: { accepted: 0, refused: 1 } });
    expect(await executionsOf(id)).toEqual([]);
    const attempts = await attemptsOf(id);
    expect(attempts.map((a) => a.outcome)).toEqual(['refused', 'refused', 'refused']);
    expect(attempts.every((a) => /signature invalid/.test(a.reason))).toBe(true);
    expect(attempts.map((a) => a.deliveryId).sort()).toEqual([wrong.deliveryId, tampered.deliveryId, unsigned.deliveryId].sort());
  });

  it('a signed delivery to a trigger without a secret is refused', async () => {
    const id = await pipelineWith([git('open')]);
    await deliver({ event: 'push', payload: push('open'), secret: 'surprise' });
    expect(await outcomesOf(id)).toMatchObject([{ outcome: 'refused', reason: expect.stringMatching(/no secret/) }]);
  });

  it('a push to another branch starts nothing and says why in the log (not to the sender)', async () => {
    const id = await pipelineWith([git('branchy', { branch: '^main$' })]);
    const res = await deliver({ event: 'push', payload: push('branchy', 'feature/x') });
    expect(res.body).toEqual({ accepted: 0, refused: 0 });
    expect(await executionsOf(id)).toEqual([]);
    expect(await attemptsOf(id)).toMatchObject([{ outcome: 'ignored', reason: 'trigger 1: branch feature/x does not match ^main$', deliveryId: res.deliveryId }]);
    // The branch regex must match the whole branch name.
    await deliver({ event: 'push', payload: push('branchy', 'main2') });
    expect((await outcomesOf(id)).map((o) => o.outcome)).toEqual(['ignored', 'ignored']);
  });

  it('records a push no pipeline watches', async () => {
    const res = await deliver({ event: 'push', payload: push('nobody-watches') });
    expect(res.body).toEqual({ accepted: 0, refused: 0 });
    const { attempts } = await listTriggerAttempts({ source: 'github', limit: 200 });
    expect(attempts.find((a) => a.deliveryId === res.deliveryId)).toMatchObject({ outcome: 'ignored', pipelineId: null, application: null, reason: 'no pipeline triggers on acme/nobody-watches' });
  });

  it('a redelivery of the same X-GitHub-Delivery starts nothing new', async () => {
    const id = await pipelineWith([git('redelivered')]);
    const first = await deliver({ event: 'push', payload: push('redelivered') });
    const again = await deliver({ event: 'push', payload: push('redelivered'), deliveryId: first.deliveryId });
    expect([first.body, again.body]).toEqual([
      { accepted: 1, refused: 0 },
      { accepted: 1, refused: 0 },
    ]);
    expect((await outcomesOf(id)).map((o) => o.outcome)).toEqual(['started', 'duplicate']);
    expect(await executionsOf(id)).toHaveLength(1);
  });

  it('one delivery starts every pipeline that watches the repository', async () => {
    const a = await pipelineWith([git('fanout')]);
    const b = await pipelineWith([git('fanout', { branch: 'ma.*' })]);
    const res = await deliver({ event: 'push', payload: push('fanout') });
    expect(res.body).toEqual({ accepted: 2, refused: 0 });
    expect([(await outcomesOf(a))[0]?.outcome, (await outcomesOf(b))[0]?.outcome]).toEqual(['started', 'started']);
  });

  it('refuses malformed deliveries with 400 JSON', async () => {
    const noEvent = await sendGitHubWebhook({ url, event: 'push', payload: push('web'), headers: { 'X-GitHub-Event': null } });
    expect(noEvent.status).toBe(400);
    expect(JSON.parse(noEvent.body)).toMatchObject({ error: 'invalid_input', message: expect.stringMatching(/X-GitHub-Event/) });
    expect((await sendGitHubWebhook({ url, event: 'push', payload: push('web'), headers: { 'X-GitHub-Delivery': null } })).status).toBe(400);
    const badJson = await sendGitHubWebhook({ url, event: 'push', payload: '{"ref": "refs/heads/main",' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ message: expect.stringMatching(/not valid JSON/) });
    expect((await sendGitHubWebhook({ url, event: 'push', payload: { hello: 'world' } })).status).toBe(400);
    expect((await sendGitHubWebhook({ url, event: 'push', payload: { ref: 'refs/heads/main', after: sha, repository: { name: 'web', owner: {} } } })).status).toBe(400);
  });
});

describe('anonymous webhook senders (security review 13.5)', () => {
  it('a git trigger saved without a secret (as Spinnaker allows) refuses unsigned pushes, with the reason in the log', async () => {
    const id = await pipelineWith([git('spinnaker-style', { allowUnsigned: undefined })]);
    const res = await deliver({ event: 'push', payload: push('spinnaker-style') });
    expect(res.body).toEqual({ accepted: 0, refused: 1 });
    expect(JSON.stringify(res.body)).not.toMatch(/shop|spinnaker-style|secret/);
    expect(await executionsOf(id)).toEqual([]);
    expect(await attemptsOf(id)).toMatchObject([{ outcome: 'refused', reason: expect.stringMatching(/^trigger 1: the trigger has no secret, so unsigned pushes are refused.*allowUnsigned: true/) }]);
  });

  it('refuses a replay: a signed body accepted under one delivery id, sent again under another', async () => {
    const id = await pipelineWith([git('replayed', { secret: 'hush', allowUnsigned: undefined })]);
    const payload = push('replayed');
    const first = await deliver({ event: 'push', payload, secret: 'hush' });
    const replay = await deliver({ event: 'push', payload, secret: 'hush' });
    expect([first.body, replay.body]).toEqual([
      { accepted: 1, refused: 0 },
      { accepted: 0, refused: 1 },
    ]);
    expect(await executionsOf(id)).toHaveLength(1);
    expect((await outcomesOf(id))[1]).toMatchObject({ outcome: 'refused', deliveryId: replay.deliveryId, reason: expect.stringMatching(new RegExp(`^replayed: this signed body was already accepted as delivery ${first.deliveryId} at \\d{4}-`)) });
    // GitHub's own redelivery keeps the delivery id: a duplicate, not a replay.
    await deliver({ event: 'push', payload, secret: 'hush', deliveryId: first.deliveryId });
    expect((await outcomesOf(id))[2]).toMatchObject({ outcome: 'duplicate' });
    // After 24 hours the body is no longer remembered.
    await getDb().$executeRaw`UPDATE webhook_body_hashes SET received_at = now() - interval '25 hours'`;
    expect((await deliver({ event: 'push', payload, secret: 'hush' })).body).toEqual({ accepted: 1, refused: 0 });
  });

  it('ten concurrent replays of one signed body under ten delivery ids start one execution', async () => {
    const id = await pipelineWith([git('replay-race', { secret: 'hush', allowUnsigned: undefined })]);
    const payload = push('replay-race');
    const answers = await Promise.all(Array.from({ length: 10 }, () => deliver({ event: 'push', payload, secret: 'hush' })));
    expect(answers.map((a) => a.body.accepted).reduce((x, y) => x + y, 0)).toBe(1);
    expect(await executionsOf(id)).toHaveLength(1);
  });

  it('keeps only the newest trigger attempts', async () => {
    const before = await getDb().triggerAttempt.count();
    await recordTriggerAttempts(
      Array.from({ length: 5 }, (_, i) => ({ source: 'webhook', outcome: 'ignored' as const, reason: `flood ${i}` })),
      3,
    );
    const rows = await getDb().triggerAttempt.findMany({ orderBy: { id: 'asc' }, select: { reason: true } });
    expect(before).toBeGreaterThan(0);
    expect(rows.map((r) => r.reason)).toEqual(['flood 2', 'flood 3', 'flood 4']);
  });
});

const dockerCall = (body: unknown, query = '?token=tok', headers: Record<string, string> = {}) =>
  call<Answer>(docker, { method: 'POST', path: `/api/webhooks/docker${query}`, body, headers });

describe('POST /api/webhooks/docker', () => {
  const trigger = (fields: Record<string, unknown> = {}) => ({ type: 'docker', enabled: true, registry: 'index.docker.io', repository: 'acme/shop-api', secret: 'tok', ...fields });

  it('starts on a matching tag with the docker/image artifact bound to the expected artifact', async () => {
    const expectedArtifacts = [{ id: 'img', displayName: 'API image', matchArtifact: { type: 'docker/image', name: 'index.docker.io/acme/shop-api' } }];
    const id = await pipelineWith([trigger({ tag: 'v\\d+\\.\\d+', expectedArtifactIds: ['img'] })], { expectedArtifacts });
    const res = await dockerCall(dockerHubPayload('acme/shop-api', 'v1.2'));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 1, refused: 0 });
    const [execution] = await executionsOf(id);
    expect(execution?.trigger).toMatchObject({
      type: 'docker',
      tag: 'v1.2',
      repository: 'acme/shop-api',
      artifacts: [{ type: 'docker/image', name: 'index.docker.io/acme/shop-api', reference: 'index.docker.io/acme/shop-api:v1.2', version: 'v1.2' }],
      resolvedExpectedArtifacts: [{ id: 'img', boundArtifact: { reference: 'index.docker.io/acme/shop-api:v1.2' } }],
    });
    // Docker Hub retrying the same push (same pushed_at) starts nothing new.
    await dockerCall(dockerHubPayload('acme/shop-api', 'v1.2'));
    expect((await outcomesOf(id)).map((o) => o.outcome)).toEqual(['started', 'duplicate']);
  });

  it('the tag regex must match the whole tag; latest needs a pattern', async () => {
    const patterned = await pipelineWith([trigger({ repository: 'acme/tags', tag: 'v\\d+' })]);
    await dockerCall(dockerHubPayload('acme/tags', 'v1-rc'));
    expect(await outcomesOf(patterned)).toMatchObject([{ outcome: 'ignored', reason: 'trigger 1: tag v1-rc does not match v\\d+' }]);
    const any = await pipelineWith([trigger({ repository: 'acme/latest' })]);
    await dockerCall(dockerHubPayload('acme/latest', 'latest'));
    await dockerCall(dockerHubPayload('acme/latest', '2024.06'));
    expect(await outcomesOf(any)).toMatchObject([{ outcome: 'ignored', reason: expect.stringMatching(/tag latest/) }, { outcome: 'started' }]);
  });

  it('requires the trigger secret as ?token= or X-Foresail-Token; no secret, no webhook start', async () => {
    const guarded = await pipelineWith([trigger({ repository: 'acme/guarded' })]);
    await dockerCall(dockerHubPayload('acme/guarded', '1', 1));
    await dockerCall(dockerHubPayload('acme/guarded', '2', 2), '');
    await dockerCall(dockerHubPayload('acme/guarded', '3', 3), '?token=nope');
    await dockerCall(dockerHubPayload('acme/guarded', '4', 4), '', { 'x-foresail-token': 'tok' });
    expect(await outcomesOf(guarded)).toMatchObject([
      { outcome: 'started' },
      { outcome: 'refused', reason: expect.stringMatching(/token missing/) },
      { outcome: 'refused', reason: expect.stringMatching(/token invalid/) },
      { outcome: 'started' },
    ]);
    const open = await pipelineWith([trigger({ repository: 'acme/open', secret: undefined })]);
    expect((await dockerCall(dockerHubPayload('acme/open', '1'))).body).toEqual({ accepted: 0, refused: 1 });
    expect(await attemptsOf(open)).toMatchObject([{ outcome: 'refused', source: 'docker', reason: expect.stringMatching(/has no secret/) }]);
  });

  it('400 for a body that is not a Docker Hub push', async () => {
    const res = await dockerCall({ hello: 'world' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_input' });
  });
});

const genericCall = (source: string, body: unknown, query = '?token=tok', rawBody?: string) =>
  call<Answer>(generic, { method: 'POST', path: `/api/webhooks/webhook/${source}${query}`, params: { source }, ...(rawBody === undefined ? { body } : { rawBody }) });

describe('POST /api/webhooks/webhook/[source]', () => {
  const trigger = (fields: Record<string, unknown> = {}) => ({ type: 'webhook', enabled: true, source: 'jenkins', secret: 'tok', payloadConstraints: { 'build.status': 'SUCCESS', 'build.branch': 'main|release/.*' }, ...fields });

  it('payload constraints are whole-value regexes on JSON paths; parameters and artifacts flow in', async () => {
    const id = await pipelineWith([trigger()], { parameterConfig: [{ name: 'version', required: true }] });
    const ok = await genericCall('jenkins', { build: { status: 'SUCCESS', branch: 'release/2.1' }, parameters: { version: '2.1.0' }, artifacts: [{ type: 'http/file', name: 'notes', reference: 'https://ci/notes.txt' }] });
    expect(ok.status).toBe(202);
    expect(ok.body).toEqual({ accepted: 1, refused: 0 });
    const [execution] = await executionsOf(id);
    expect(execution?.trigger).toMatchObject({ type: 'webhook', source: 'jenkins', parameters: { version: '2.1.0' }, payload: { build: { status: 'SUCCESS' } }, artifacts: [{ reference: 'https://ci/notes.txt' }] });

    await genericCall('jenkins', { build: { status: 'SUCCESSFUL', branch: 'main' } });
    await genericCall('jenkins', { build: { status: 'SUCCESS' } });
    expect(await outcomesOf(id)).toMatchObject([
      { outcome: 'started' },
      { outcome: 'ignored', reason: 'trigger 1: build.status is "SUCCESSFUL", which does not match SUCCESS' },
      { outcome: 'ignored', reason: 'trigger 1: the payload has no build.branch' },
    ]);
  });

  it('a trigger without a secret refuses; a wrong token refuses; other sources are not involved', async () => {
    const open = await pipelineWith([trigger({ source: 'nightly', secret: undefined, payloadConstraints: {} })]);
    expect((await genericCall('nightly', {})).body).toEqual({ accepted: 0, refused: 1 });
    expect(await outcomesOf(open)).toMatchObject([{ outcome: 'refused', reason: expect.stringMatching(/has no secret/) }]);
    const guarded = await pipelineWith([trigger({ source: 'deploybot', payloadConstraints: {} })]);
    await genericCall('deploybot', {}, '?token=bad');
    expect(await outcomesOf(guarded)).toMatchObject([{ outcome: 'refused' }]);
    expect((await genericCall('nobody', {})).body).toEqual({ accepted: 0, refused: 0 });
  });

  it('checks the token before the constraints, and runs ([a-z0-9]+-?)+ on 10,000 characters at once', async () => {
    const id = await pipelineWith([trigger({ source: 'redos', payloadConstraints: { branch: '([a-z0-9]+-?)+' } })]);
    const hostile = { branch: `${'a'.repeat(9_999)}!` };
    expect((await genericCall('redos', hostile, '?token=bad')).body).toEqual({ accepted: 0, refused: 1 });
    expect((await genericCall('redos', hostile)).body).toEqual({ accepted: 0, refused: 0 });
    expect(await outcomesOf(id)).toMatchObject([
      { outcome: 'refused', reason: "trigger 1: token invalid: it does not match the trigger's secret" },
      { outcome: 'ignored', reason: expect.stringMatching(/^trigger 1: branch is "a+…", which does not match/) },
    ]);
  });

  it('the engine refuses a start whose required parameter is missing, and says so', async () => {
    const id = await pipelineWith([trigger({ source: 'params', payloadConstraints: {} })], { parameterConfig: [{ name: 'version', required: true }] });
    expect((await genericCall('params', {})).body).toEqual({ accepted: 0, refused: 1 });
    expect(await outcomesOf(id)).toMatchObject([{ outcome: 'refused' }]);
    expect(await executionsOf(id)).toEqual([]);
  });

  it('400 for bodies that are not JSON objects', async () => {
    expect((await genericCall('jenkins', [1, 2])).status).toBe(400);
    expect((await genericCall('jenkins', undefined, '?token=tok', '{nope')).status).toBe(400);
    expect((await genericCall('jenkins', { parameters: { a: { b: 1 } } })).status).toBe(400);
  });

  it('answers 429 to a sender over its rate limit (120 at once), others unaffected', async () => {
    const from = (address: string) => call<Answer & { message?: string }>(generic, { method: 'POST', path: '/api/webhooks/webhook/flood', params: { source: 'flood' }, body: {}, headers: { [peerAddressHeader]: address } });
    // The sender is the TCP peer, which the web process records in this header (lib/runtime/peer-address.ts).
    // Sent at once, so the bucket (2 a second) refills by only a few while they arrive.
    const answers = await Promise.all(Array.from({ length: 200 }, () => from('203.0.113.9')));
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 202).length).toBeGreaterThanOrEqual(120);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.body).toEqual({ error: 'rate_limited', message: 'too many webhook deliveries from this sender; retry later' });
    expect((await from('203.0.113.10')).status).toBe(202);
  });
});
