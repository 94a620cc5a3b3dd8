import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '../../lib/db/pool';
import { eventually, uniqueName } from '../../lib/kubernetes/testing';
import { describeRun, releasePipeline, startReleaseRig, type ReleaseRig } from '../../lib/stages/canary-release/testing';
import { latencySeries } from '../../lib/testing/latency-series';
import { pushSeries } from '../../lib/testing/prometheus-push';
import { executionState, finished, savePipeline, stageByRef, trigger, waitFor, type ExecutionState } from '../runner/engine-harness';
import { clearTestConfig, makeTestDir } from '../runner/test-config';
import { useTestDatabase } from '../runner/test-database';
import { readPrometheus } from '../../lib/world/endpoints';
import { startWorkers, type WorkerFleet } from './workers';

// A canaryRelease whose only worker process is SIGKILLed twice during the promotion step: once as soon
// as the step starts, once after a replacement took the step over and waits for production's rollout. Replacement workers
// must finish the release with exactly one rollout of production to the new image (no second promotion)
// and the cleanup done. minReadySeconds keeps the rollout wait long enough to kill inside it.
const MIN_READY_SECONDS = 12;
// The worker config's stalledAfterSeconds (5) plus a margin: by then a replacement has taken the stalled step over.
const TAKEOVER_MS = 7_000;
const PROMOTE = 'Promote the new image to production';

useTestDatabase();
let fleet: WorkerFleet;
let rig: ReleaseRig;
const dir = makeTestDir('foresail-release-kill-');
const prometheus = readPrometheus();
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  rig = await startReleaseRig({
    application: 'release-kill',
    namespacePrefix: 'relkill',
    config: { extra: { worker: { processes: 0, heartbeatSeconds: 1, stalledAfterSeconds: 5 }, egress: { allow: ['127.0.0.1'] } } },
    dir,
  });
  fleet = startWorkers(1, { DATABASE_URL: process.env.DATABASE_URL ?? '', FORESAIL_CONFIG: rig.configFile, LOG_LEVEL: 'warn' }, path.join(dir, 'workers.log'));
});

afterAll(async () => {
  await fleet?.stop();
  clearTestConfig();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One 12 s interval that started 20 s ago; baseline and canary behave the same, so the analysis passes. */
const pipeline = (name: string, start: number) =>
  releasePipeline({
    name,
    namespace: rig.namespace,
    start,
    scopeParams: { run },
    canaryConfig: {
      name: 'latency-kill',
      metrics: [{ name: 'latency', groups: ['performance'], query: { type: 'prometheus', customInlineTemplate: 'PromQL:foresail_release_kill_seconds{run="${run}",deployment="${scope}"}' }, analysisConfigurations: { canary: { direction: 'increase' } } }],
      classifier: { groupWeights: { performance: 100 } },
    },
  });

/** Production's ReplicaSets (its rollout history): revision → image. */
async function history(name: string): Promise<Record<string, string | undefined>> {
  const sets = await rig.client.list({ apiVersion: 'apps/v1', kind: 'ReplicaSet' }, { namespace: rig.namespace, labelSelector: `app=${name}` });
  const owners = (rs: (typeof sets)[number]) => (rs.metadata?.ownerReferences ?? []) as { kind: string; name: string }[];
  const own = sets.filter((rs) => owners(rs).some((o) => o.kind === 'Deployment' && o.name === name));
  return Object.fromEntries(
    own.map((rs) => [rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '?', (rs.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image]),
  );
}

const promoteOf = (e: ExecutionState) => e.stages.find((s) => s.name === PROMOTE);

describe('reliability', () => {
  it('canaryRelease: the worker is SIGKILLed twice during promotion → a new worker finishes it, production rolled out once, cleanup done', async () => {
    const name = uniqueName('web');
    await rig.production(name, { minReadySeconds: MIN_READY_SECONDS });
    expect(await history(name)).toStrictEqual({ '1': 'registry.example/web:1' });
    const start = Math.floor((Date.now() - 20_000) / 1000) * 1000;
    const series = (deployment: string) => latencySeries({ name: 'foresail_release_kill_seconds', labels: { run, deployment }, start, stepMs: 1000, count: 30, mean: 0.2, jitter: 0.05, seed: 1 });
    await pushSeries(prometheus.url, [series(`${name}-baseline`), series(`${name}-canary`)]);
    const started = Date.now();
    const id = await trigger(await savePipeline('release-kill', pipeline(name, start)));

    // Kill 1: the moment the promotion step runs (before or while it patches production).
    const promoting = await waitFor(id, (e) => finished(e) || promoteOf(e)?.status === 'RUNNING', 120_000);
    expect(promoting.status, describeRun(promoting)).toBe('RUNNING');
    const imageAtKill1 = await rig.imageOf(name);
    const killed1 = await fleet.killOne(0);
    const kill1At = Date.now();

    // Kill 2: the replacement took the step over and waits for the rollout (minReadySeconds holds it open).
    await new Promise((r) => setTimeout(r, TAKEOVER_MS));
    await eventually(async () => ((await rig.imageOf(name)) === 'registry.example/web:2' ? true : undefined), 60_000, 'production patched to the new image');
    const patched = await executionState(id);
    expect(promoteOf(patched)?.status, describeRun(patched)).toBe('RUNNING');
    const killed2 = await fleet.killOne(0);
    const kill2At = Date.now();

    const e = await waitFor(id, finished, 120_000);
    const done = Date.now();
    const { rows } = await getPool().query<{ attempt: number }>('SELECT attempt FROM stage_executions WHERE execution_id = $1 AND name = $2', [id, PROMOTE]);
    process.stdout.write(
      `canaryRelease kills: worker ${killed1} SIGKILLed ${Math.round((kill1At - started) / 100) / 10} s after the trigger as promotion started (production then on ${imageAtKill1}), ` +
        `worker ${killed2} ${Math.round((kill2At - kill1At) / 100) / 10} s later while the rollout was waited for; release ${e.status} ${Math.round((done - kill2At) / 100) / 10} s after the second kill ` +
        `(${Math.round((done - started) / 100) / 10} s in all); promotion stage attempt ${rows[0]?.attempt}\n`,
    );
    expect(e.status, describeRun(e)).toBe('SUCCEEDED');
    expect(stageByRef(e, 'rel').status).toBe('SUCCEEDED');
    expect(e.stages.filter((s) => s.refId.startsWith('rel>')).map((s) => [s.name, s.status])).toEqual([
      ['Shift traffic to baseline and canary', 'SUCCEEDED'],
      ['Canary analysis', 'SUCCEEDED'],
      [PROMOTE, 'SUCCEEDED'],
      ['Restore traffic to production', 'SUCCEEDED'],
      ['Delete baseline and canary', 'SUCCEEDED'],
      ['Summarise the release', 'SUCCEEDED'],
    ]);
    // Exactly one promotion: production's history is the original ReplicaSet and one rollout to the new image.
    expect(await history(name)).toStrictEqual({ '1': 'registry.example/web:1', '2': 'registry.example/web:2' });
    const live = await rig.client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: rig.namespace });
    expect(live.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect((live.status as { availableReplicas?: number }).availableReplicas).toBe(2);
    expect(await rig.leftovers(name)).toEqual([]);
    expect(await rig.weights(name)).toEqual([100, 0, 0]);
  }, 300_000);
});
