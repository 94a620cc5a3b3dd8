import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../lib/db/applications';
import { reloadConfig } from '../../lib/env';
import { clusterClientFor } from '../../lib/kubernetes/client';
import { deploymentManifest, eventually, testAccounts, uniqueName } from '../../lib/kubernetes/testing';
import { clusterDir } from '../../lib/world/cluster/paths';
import { readState } from '../../lib/world/cluster/state';
import { executionState, stageByRef, trigger, savePipeline, waitFor, finished } from '../runner/engine-harness';
import { useTestDatabase } from '../runner/test-database';
import { startWorkers, type WorkerFleet } from './workers';

// R6: the Kubernetes apiserver goes away for 30 s while a deployManifest stage waits for its rollout.
// The stage must neither fail nor hang: it keeps polling through the outage (requests time out or are
// refused, which are transient) and SUCCEEDS once the apiserver answers again and the rollout completes.
// The outage is a SIGSTOP of the apiserver process (then SIGCONT): its port stays bound, so the worker
// sees what a partitioned or overloaded apiserver looks like — connections that never answer.
const OUTAGE_MS = 30_000;
// Pods are Ready after ~1 s (kwok) but only count as available minReadySeconds later, so the rollout
// is still in progress when the outage starts and can only complete after it.
const MIN_READY_SECONDS = 12;

useTestDatabase();
let fleet: WorkerFleet;
let ns: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-r6-'));
const { info, admin } = testAccounts();

async function apiserverPid(): Promise<number> {
  const state = await readState(clusterDir(info.name));
  const pid = state?.processes.find((p) => p.name === 'kube-apiserver')?.pid;
  if (!pid) throw new Error(`no kube-apiserver recorded for cluster ${info.name}`);
  return pid;
}

beforeAll(async () => {
  const config = path.join(dir, 'foresail.yaml');
  const account = { name: 'outage', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } };
  fs.writeFileSync(config, stringify({ worker: { processes: 0, heartbeatSeconds: 1, stalledAfterSeconds: 5 }, kubernetes: { accounts: [account] } }));
  process.env.FORESAIL_CONFIG = config;
  reloadConfig();
  await createApplication({ name: 'r6', ownerEmail: 'r6@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
  ns = uniqueName('r6');
  const client = clusterClientFor(admin);
  await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => client.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
  fleet = startWorkers(1, { DATABASE_URL: process.env.DATABASE_URL ?? '', FORESAIL_CONFIG: config, LOG_LEVEL: 'warn' }, path.join(dir, 'workers.log'));
});

afterAll(async () => {
  // Never leave the shared test cluster frozen, whatever happened above (no recorded apiserver: nothing to resume).
  const pid = await apiserverPid().catch(() => undefined);
  if (pid) process.kill(pid, 'SIGCONT');
  await fleet?.stop();
  delete process.env.FORESAIL_CONFIG;
  reloadConfig();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('reliability', () => {
  it(`R6: the apiserver is stopped for ${OUTAGE_MS / 1000} s while deployManifest waits → the stage recovers and SUCCEEDS`, { timeout: 300_000 }, async () => {
    const name = uniqueName('web');
    const manifest = deploymentManifest(name, 'registry.example/web:1', { replicas: 3 });
    const pipelineId = await savePipeline('r6', {
      stages: [
        {
          refId: 'deploy',
          requisiteStageRefIds: [],
          type: 'deployManifest',
          name: 'Deploy',
          account: 'outage',
          cloudProvider: 'kubernetes',
          source: 'text',
          namespaceOverride: ns,
          manifests: [{ ...manifest, spec: { ...manifest.spec, minReadySeconds: MIN_READY_SECONDS } }],
          // Longer than the outage plus the rollout, so only a real failure to recover can fail it.
          stageTimeoutMs: 180_000,
        },
      ],
    });
    const started = Date.now();
    const id = await trigger(pipelineId);
    const client = clusterClientFor(admin);
    // The stage applied the Deployment and now waits for it: that is when the apiserver goes away.
    const applied = await eventually(() => client.find({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: ns }), 60_000, 'the Deployment to be applied');
    expect((applied.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0).toBeLessThan(3);
    const pid = await apiserverPid();
    process.kill(pid, 'SIGSTOP');
    const stoppedAt = Date.now();
    let resumedAt = stoppedAt;
    try {
      expect(stageByRef(await executionState(id), 'deploy').status).toBe('RUNNING');
      await sleep(OUTAGE_MS);
      // Still waiting, not failed, at the end of the outage.
      expect(stageByRef(await executionState(id), 'deploy').status).toBe('RUNNING');
    } finally {
      process.kill(pid, 'SIGCONT');
      resumedAt = Date.now();
    }
    const e = await waitFor(id, finished, 120_000);
    const done = Date.now();
    const deploy = stageByRef(e, 'deploy');
    process.stdout.write(
      `R6: apiserver stopped ${Math.round((stoppedAt - started) / 100) / 10} s after the trigger for ${Math.round((resumedAt - stoppedAt) / 100) / 10} s; ` +
        `stage ${deploy.status} ${Math.round((done - resumedAt) / 100) / 10} s after it came back (${Math.round((done - started) / 100) / 10} s in all)\n`,
    );
    expect(e.status, JSON.stringify(deploy.context.exception)).toBe('SUCCEEDED');
    expect(deploy.status).toBe('SUCCEEDED');
    const live = await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: ns });
    expect((live.status as { availableReplicas?: number }).availableReplicas).toBe(3);
  });
});
