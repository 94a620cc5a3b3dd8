/**
 * runAsUser through the real path: a signed GitHub push to the webhook route, dispatch, the engine
 * (graphile-worker on PostgreSQL) and a deployManifest stage against the local cluster. The service
 * account's role holds WRITE on the Kubernetes account, so its run deploys; the same pipeline
 * without runAsUser fails with the plain reason automatic runs have always given.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { POST as github } from '@/app/api/webhooks/github/route';
import { pushPayload } from '@/e2e/github/payloads';
import { sendGitHubWebhook } from '@/e2e/github/webhooks';
import { finished, stageByRef, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import { getDb } from '@/lib/db/client';
import { insertPipeline } from '@/lib/db/pipelines';
import { listTriggerAttempts } from '@/lib/db/trigger-attempts';
import { reloadConfig } from '@/lib/env';
import { clusterClientFor, type ClusterClient } from '@/lib/kubernetes/client';
import { deploymentManifest, eventually, testAccounts, uniqueName } from '@/lib/kubernetes/testing';

useTestDatabase();
useEngine();

const secret = 'run-as-test-secret';
const url = 'http://foresail.test/api/webhooks/github';
let client: ClusterClient;
let ns: string;

function writeConfig(serviceAccounts: { name: string; roles: string[] }[]): void {
  const { info } = testAccounts();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-runas-'));
  const file = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(
    file,
    stringify({
      worker: { processes: 0 },
      auth: { serviceAccounts },
      kubernetes: { accounts: [{ name: 'shop-prod', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } }] },
    }),
  );
  process.env.FORESAIL_CONFIG = file;
  reloadConfig();
}

beforeAll(async () => {
  writeConfig([{ name: 'shop-deployer', roles: ['release-managers'] }]);
  await createApplication({ name: 'shop', ownerEmail: 'shop@example.com', description: '', permissions: { READ: ['release-managers'], WRITE: ['release-managers'], EXECUTE: ['release-managers'] } });
  client = clusterClientFor(testAccounts().admin);
  ns = uniqueName('runas');
  await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => client.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
  // The "network" between the GitHub helper and Foresail is the webhook route handler itself.
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) => github(new NextRequest(String(input), init as ConstructorParameters<typeof NextRequest>[1]), { params: Promise.resolve({}) }));
}, 60_000);
afterAll(() => vi.unstubAllGlobals());

/** A pipeline that deploys `name` when `repo` is pushed, its git trigger optionally running as a service account. */
async function deployOnPush(repo: string, name: string, runAsUser?: string): Promise<string> {
  const id = randomUUID();
  const trigger = { type: 'git', enabled: true, source: 'github', project: 'acme', slug: repo, branch: 'main', secret, ...(runAsUser ? { runAsUser } : {}) };
  const stages = [{ refId: 'deploy', requisiteStageRefIds: [], type: 'deployManifest', name: 'Deploy', account: 'shop-prod', cloudProvider: 'kubernetes', source: 'text', namespaceOverride: ns, manifests: [deploymentManifest(name, 'registry.example/shop:1', { replicas: 1 })] }];
  await insertPipeline({ id, application: 'shop', name: `deploy-${repo}`, config: { id, name: `deploy-${repo}`, application: 'shop', stages, triggers: [trigger] }, disabled: false, locked: false, by: 'test', action: 'create' });
  return id;
}

async function push(repo: string): Promise<{ accepted: number; refused: number }> {
  const res = await sendGitHubWebhook({ url, event: 'push', secret, payload: pushPayload({ owner: 'acme', repo, branch: 'main', after: randomUUID().replace(/-/g, '').padEnd(40, '0') }) });
  expect(res.status).toBe(202);
  return JSON.parse(res.body) as { accepted: number; refused: number };
}

const executionOf = async (pipelineId: string) => {
  const found = await eventually(async () => (await getDb().execution.findFirst({ where: { pipelineId }, select: { id: true, authentication: true, trigger: true } })) ?? undefined, 10_000, 'the execution');
  return found;
};

describe('runAsUser through real dispatch', () => {
  it("a push trigger running as the service account deploys with its role's WRITE on the account", async () => {
    const name = uniqueName('with-sa');
    const pipelineId = await deployOnPush('runas-web', name, 'shop-deployer');
    expect(await push('runas-web')).toEqual({ accepted: 1, refused: 0 });
    const execution = await executionOf(pipelineId);
    expect(execution.authentication).toEqual({ user: 'shop-deployer', roles: ['release-managers'] });
    expect(execution.trigger).toMatchObject({ runAsUser: 'shop-deployer', user: 'shop-deployer' });
    const done = await waitFor(execution.id, finished, 60_000);
    expect(done.status, JSON.stringify(stageByRef(done, 'deploy').context.exception)).toBe('SUCCEEDED');
    expect(await client.find({ kind: 'deployment', name, namespace: ns })).toBeDefined();
  }, 90_000);

  it('the same pipeline without runAsUser fails with the plain reason, and deploys nothing', async () => {
    const name = uniqueName('no-sa');
    const pipelineId = await deployOnPush('plain-web', name);
    expect(await push('plain-web')).toEqual({ accepted: 1, refused: 0 });
    const execution = await executionOf(pipelineId);
    expect(execution.authentication).toEqual({ user: null, roles: [] });
    const done = await waitFor(execution.id, finished, 60_000);
    expect(done.status).toBe('TERMINAL');
    expect((stageByRef(done, 'deploy').context.exception as { details: { error: string } }).details.error).toMatch(/This automatic run may not change Kubernetes account shop-prod: that needs one of the roles release-managers/);
    expect(await client.find({ kind: 'deployment', name, namespace: ns })).toBeUndefined();
  }, 90_000);

  it('a service account removed from the configuration refuses the push and says why in the trigger-attempts log', async () => {
    const pipelineId = await deployOnPush('retired-web', uniqueName('gone'), 'shop-deployer');
    writeConfig([]);
    try {
      expect(await push('retired-web')).toEqual({ accepted: 0, refused: 1 });
    } finally {
      writeConfig([{ name: 'shop-deployer', roles: ['release-managers'] }]);
    }
    expect(await getDb().execution.count({ where: { pipelineId } })).toBe(0);
    const { attempts } = await listTriggerAttempts({ pipelineId, limit: 10 });
    expect(attempts.map((a) => [a.outcome, a.source])).toEqual([['refused', 'github']]);
    expect(attempts[0]?.reason).toMatch(/^the trigger runs as service account "shop-deployer", which is not configured \(auth\.serviceAccounts\)/);
  });
});
