/**
 * The webhook routes against a real database and the real engine start (startExecution): GitHub
 * deliveries go through the GitHub helper (sendGitHubWebhook), with fetch routed to the handler.
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
import { listTriggerAttempts } from '@/lib/db/trigger-attempts';
import { dockerHubPayload } from '@/lib/triggers/test-fixtures';
import { POST as docker } from './docker/route';
import { POST as github } from './github/route';
import { POST as generic } from './webhook/[source]/route';

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

interface Result {
  pipelineId: string;
  outcome: string;
  executionId?: string;
  reason?: string;
}
async function deliver(opts: Omit<WebhookDelivery, 'url'>): Promise<{ status: number; body: { results: Result[]; message?: string } & Record<string, unknown>; deliveryId: string }> {
  const res = await sendGitHubWebhook({ url, ...opts });
  return { status: res.status, body: JSON.parse(res.body) as { results: Result[] }, deliveryId: res.deliveryId };
}
const git = (repo: string, fields: Record<string, unknown> = {}) => ({ type: 'git', enabled: true, source: 'github', project: 'acme', slug: repo, branch: 'main', ...fields });
const push = (repo: string, branch = 'main', owner = 'acme') => pushPayload({ owner, repo, branch, after: sha });

describe('POST /api/webhooks/github', () => {
  it('answers ping with 200', async () => {
    const res = await deliver({ event: 'ping', payload: pingPayload({ owner: 'acme', repo: 'web', url }), secret: 'whatever' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, event: 'ping' });
  });

  it('starts the pipeline for a signed push, case-insensitively on owner and repository', async () => {
    const id = await pipelineWith([git('shop-web', { project: 'ACME', slug: 'Shop-Web', secret: 'hush' })]);
    const res = await deliver({ event: 'push', payload: push('shop-web', 'main', 'Acme'), secret: 'hush' });
    expect(res.status).toBe(202);
    expect(res.body.results).toEqual([{ pipelineId: id, application: 'shop', outcome: 'started', executionId: expect.any(String) }]);
    const [execution] = await executionsOf(id);
    expect(execution?.id).toBe(res.body.results[0]?.executionId);
    expect(execution?.trigger).toMatchObject({ type: 'git', source: 'github', branch: 'main', hash: sha, action: 'push', eventId: res.deliveryId });
    expect(execution?.trigger).not.toHaveProperty('secret');
    expect((await attemptsOf(id)).map((a) => [a.outcome, a.source])).toEqual([['started', 'github']]);
  });

  it('accepts the legacy SHA-1 signature alone', async () => {
    const id = await pipelineWith([git('legacy', { secret: 'hush' })]);
    const res = await deliver({ event: 'push', payload: push('legacy'), secret: 'hush', signatures: ['sha1'] });
    expect(res.body.results).toMatchObject([{ pipelineId: id, outcome: 'started' }]);
  });

  it('refuses a bad signature, a tampered body and a missing signature, and records why', async () => {
    const id = await pipelineWith([git('guarded', { secret: 'hush' })]);
    const wrong = await deliver({ event: 'push', payload: push('guarded'), secret: 'not-it' });
    const tampered = await deliver({ event: 'push', payload: push('guarded'), secret: 'hush', tamper: true });
    const unsigned = await deliver({ event: 'push', payload: push('guarded') });
    for (const res of [wrong, tampered, unsigned]) {
      expect(res.status).toBe(202);
      expect(res.body.results).toMatchObject([{ pipelineId: id, outcome: 'refused', reason: expect.stringMatching(/signature invalid/) }]);
    }
    expect(await executionsOf(id)).toEqual([]);
    const attempts = await attemptsOf(id);
    expect(attempts.map((a) => a.outcome)).toEqual(['refused', 'refused', 'refused']);
    expect(attempts.map((a) => a.deliveryId).sort()).toEqual([wrong.deliveryId, tampered.deliveryId, unsigned.deliveryId].sort());
  });

  it('a signed delivery to a trigger without a secret is refused', async () => {
    const id = await pipelineWith([git('open')]);
    const res = await deliver({ event: 'push', payload: push('open'), secret: 'surprise' });
    expect(res.body.results).toMatchObject([{ pipelineId: id, outcome: 'refused', reason: expect.stringMatching(/no secret/) }]);
  });

  it('a push to another branch starts nothing and says why', async () => {
    const id = await pipelineWith([git('branchy', { branch: '^main$' })]);
    const res = await deliver({ event: 'push', payload: push('branchy', 'feature/x') });
    expect(res.body.results).toEqual([{ pipelineId: id, application: 'shop', outcome: 'ignored', reason: 'trigger 1: branch feature/x does not match ^main$' }]);
    expect(await executionsOf(id)).toEqual([]);
    expect(await attemptsOf(id)).toMatchObject([{ outcome: 'ignored', reason: 'trigger 1: branch feature/x does not match ^main$', deliveryId: res.deliveryId }]);
    // The branch regex must match the whole branch name.
    expect((await deliver({ event: 'push', payload: push('branchy', 'main2') })).body.results).toMatchObject([{ outcome: 'ignored' }]);
  });

  it('records a push no pipeline watches', async () => {
    const res = await deliver({ event: 'push', payload: push('nobody-watches') });
    expect(res.body).toMatchObject({ results: [], message: 'no pipeline triggers on acme/nobody-watches' });
    const { attempts } = await listTriggerAttempts({ source: 'github', limit: 200 });
    expect(attempts.find((a) => a.deliveryId === res.deliveryId)).toMatchObject({ outcome: 'ignored', pipelineId: null, application: null });
  });

  it('a redelivery of the same X-GitHub-Delivery starts nothing new', async () => {
    const id = await pipelineWith([git('redelivered')]);
    const first = await deliver({ event: 'push', payload: push('redelivered') });
    const again = await deliver({ event: 'push', payload: push('redelivered'), deliveryId: first.deliveryId });
    expect(first.body.results).toMatchObject([{ outcome: 'started' }]);
    expect(again.body.results).toMatchObject([{ outcome: 'duplicate' }]);
    expect(await executionsOf(id)).toHaveLength(1);
  });

  it('one delivery starts every pipeline that watches the repository', async () => {
    const a = await pipelineWith([git('fanout')]);
    const b = await pipelineWith([git('fanout', { branch: 'ma.*' })]);
    const res = await deliver({ event: 'push', payload: push('fanout') });
    expect(res.body.results.map((r) => [r.pipelineId, r.outcome]).sort()).toEqual([[a, 'started'], [b, 'started']].sort());
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

const dockerCall = (body: unknown, query = '?token=tok', headers: Record<string, string> = {}) =>
  call<{ results: Result[]; message?: string }>(docker, { method: 'POST', path: `/api/webhooks/docker${query}`, body, headers });

describe('POST /api/webhooks/docker', () => {
  const trigger = (fields: Record<string, unknown> = {}) => ({ type: 'docker', enabled: true, registry: 'index.docker.io', repository: 'acme/shop-api', secret: 'tok', ...fields });

  it('starts on a matching tag with the docker/image artifact bound to the expected artifact', async () => {
    const expectedArtifacts = [{ id: 'img', displayName: 'API image', matchArtifact: { type: 'docker/image', name: 'index.docker.io/acme/shop-api' } }];
    const id = await pipelineWith([trigger({ tag: 'v\\d+\\.\\d+', expectedArtifactIds: ['img'] })], { expectedArtifacts });
    const res = await dockerCall(dockerHubPayload('acme/shop-api', 'v1.2'));
    expect(res.status).toBe(202);
    expect(res.body.results).toMatchObject([{ pipelineId: id, outcome: 'started' }]);
    const [execution] = await executionsOf(id);
    expect(execution?.trigger).toMatchObject({
      type: 'docker',
      tag: 'v1.2',
      repository: 'acme/shop-api',
      artifacts: [{ type: 'docker/image', name: 'index.docker.io/acme/shop-api', reference: 'index.docker.io/acme/shop-api:v1.2', version: 'v1.2' }],
      resolvedExpectedArtifacts: [{ id: 'img', boundArtifact: { reference: 'index.docker.io/acme/shop-api:v1.2' } }],
    });
    // Docker Hub retrying the same push (same pushed_at) starts nothing new.
    expect((await dockerCall(dockerHubPayload('acme/shop-api', 'v1.2'))).body.results).toMatchObject([{ outcome: 'duplicate' }]);
  });

  it('the tag regex must match the whole tag; latest needs a pattern', async () => {
    const patterned = await pipelineWith([trigger({ repository: 'acme/tags', tag: 'v\\d+' })]);
    expect((await dockerCall(dockerHubPayload('acme/tags', 'v1-rc'))).body.results).toMatchObject([{ pipelineId: patterned, outcome: 'ignored', reason: 'trigger 1: tag v1-rc does not match v\\d+' }]);
    const any = await pipelineWith([trigger({ repository: 'acme/latest' })]);
    expect((await dockerCall(dockerHubPayload('acme/latest', 'latest'))).body.results).toMatchObject([{ pipelineId: any, outcome: 'ignored', reason: expect.stringMatching(/tag latest/) }]);
    expect((await dockerCall(dockerHubPayload('acme/latest', '2024.06'))).body.results).toMatchObject([{ pipelineId: any, outcome: 'started' }]);
  });

  it('requires the trigger secret as ?token= or X-Foresail-Token; no secret, no webhook start', async () => {
    const guarded = await pipelineWith([trigger({ repository: 'acme/guarded' })]);
    expect((await dockerCall(dockerHubPayload('acme/guarded', '1', 1))).body.results).toMatchObject([{ pipelineId: guarded, outcome: 'started' }]);
    expect((await dockerCall(dockerHubPayload('acme/guarded', '2', 2), '')).body.results).toMatchObject([{ pipelineId: guarded, outcome: 'refused', reason: expect.stringMatching(/token missing/) }]);
    expect((await dockerCall(dockerHubPayload('acme/guarded', '3', 3), '?token=nope')).body.results).toMatchObject([{ outcome: 'refused', reason: expect.stringMatching(/token invalid/) }]);
    expect((await dockerCall(dockerHubPayload('acme/guarded', '4', 4), '', { 'x-foresail-token': 'tok' })).body.results).toMatchObject([{ outcome: 'started' }]);
    const open = await pipelineWith([trigger({ repository: 'acme/open', secret: undefined })]);
    expect((await dockerCall(dockerHubPayload('acme/open', '1'))).body.results).toMatchObject([{ pipelineId: open, outcome: 'refused', reason: expect.stringMatching(/has no secret/) }]);
    expect(await attemptsOf(open)).toMatchObject([{ outcome: 'refused', source: 'docker' }]);
  });

  it('400 for a body that is not a Docker Hub push', async () => {
    const res = await dockerCall({ hello: 'world' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_input' });
  });
});

const genericCall = (source: string, body: unknown, query = '?token=tok', rawBody?: string) =>
  call<{ results: Result[]; message?: string }>(generic, { method: 'POST', path: `/api/webhooks/webhook/${source}${query}`, params: { source }, ...(rawBody === undefined ? { body } : { rawBody }) });

describe('POST /api/webhooks/webhook/[source]', () => {
  const trigger = (fields: Record<string, unknown> = {}) => ({ type: 'webhook', enabled: true, source: 'jenkins', secret: 'tok', payloadConstraints: { 'build.status': 'SUCCESS', 'build.branch': 'main|release/.*' }, ...fields });

  it('payload constraints are whole-value regexes on JSON paths; parameters and artifacts flow in', async () => {
    const id = await pipelineWith([trigger()], { parameterConfig: [{ name: 'version', required: true }] });
    const ok = await genericCall('jenkins', { build: { status: 'SUCCESS', branch: 'release/2.1' }, parameters: { version: '2.1.0' }, artifacts: [{ type: 'http/file', name: 'notes', reference: 'https://ci/notes.txt' }] });
    expect(ok.status).toBe(202);
    expect(ok.body.results).toMatchObject([{ pipelineId: id, outcome: 'started' }]);
    const [execution] = await executionsOf(id);
    expect(execution?.trigger).toMatchObject({ type: 'webhook', source: 'jenkins', parameters: { version: '2.1.0' }, payload: { build: { status: 'SUCCESS' } }, artifacts: [{ reference: 'https://ci/notes.txt' }] });

    const failed = await genericCall('jenkins', { build: { status: 'SUCCESSFUL', branch: 'main' } });
    expect(failed.body.results).toMatchObject([{ pipelineId: id, outcome: 'ignored', reason: 'trigger 1: build.status is "SUCCESSFUL", which does not match SUCCESS' }]);
    const missing = await genericCall('jenkins', { build: { status: 'SUCCESS' } });
    expect(missing.body.results).toMatchObject([{ outcome: 'ignored', reason: 'trigger 1: the payload has no build.branch' }]);
    expect((await attemptsOf(id)).map((a) => a.outcome).sort()).toEqual(['ignored', 'ignored', 'started']);
  });

  it('a trigger without a secret refuses; a wrong token refuses; other sources are not involved', async () => {
    const open = await pipelineWith([trigger({ source: 'nightly', secret: undefined, payloadConstraints: {} })]);
    expect((await genericCall('nightly', {})).body.results).toMatchObject([{ pipelineId: open, outcome: 'refused', reason: expect.stringMatching(/has no secret/) }]);
    const guarded = await pipelineWith([trigger({ source: 'deploybot', payloadConstraints: {} })]);
    expect((await genericCall('deploybot', {}, '?token=bad')).body.results).toMatchObject([{ pipelineId: guarded, outcome: 'refused' }]);
    expect((await genericCall('nobody', {})).body).toMatchObject({ results: [], message: 'no pipeline has a webhook trigger with source "nobody"' });
  });

  it('the engine refuses a start whose required parameter is missing, and says so', async () => {
    const id = await pipelineWith([trigger({ source: 'params', payloadConstraints: {} })], { parameterConfig: [{ name: 'version', required: true }] });
    const res = await genericCall('params', {});
    expect(res.body.results).toMatchObject([{ pipelineId: id, outcome: 'refused' }]);
    expect(await executionsOf(id)).toEqual([]);
  });

  it('400 for bodies that are not JSON objects', async () => {
    expect((await genericCall('jenkins', [1, 2])).status).toBe(400);
    expect((await genericCall('jenkins', undefined, '?token=tok', '{nope')).status).toBe(400);
    expect((await genericCall('jenkins', { parameters: { a: { b: 1 } } })).status).toBe(400);
  });
});
