/**
 * Issue 8: apply + wait for 20 resources (a Deployment with 3 replicas, Services, ConfigMaps, Secrets, a
 * ServiceAccount) through Foresail's deployManifest stage with the real client, run as the engine runs it
 * (state in, result out, again after pollAfterMs), against `kubectl apply --server-side -f` of the same
 * files plus `kubectl rollout status`, on the same local cluster. Each round deploys into two fresh
 * namespaces, one per tool, alternating which goes first; a warm-up round (discovery caches) is not counted.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { ensureKubeBinaries, kubeBinary } from '../../lib/world/cluster/build';
import { isClusterRunning, startCluster, stopCluster, type ClusterInfo } from '../../lib/world/cluster/cluster';
import { clusterClientFor, type ClusterClient } from '../../lib/kubernetes/client';
import type { KubeObject, KubernetesAccountSettings } from '../../lib/kubernetes/types';
import { deployManifest } from '../../lib/stages/kubernetes/deploy-manifest';
import { fakeClock, stageContext } from '../../lib/stages/testing';
import type { Bench, BenchRow } from './types';

const CLUSTER = 'bench-k8s';
const ROUNDS = 7;

function manifests(round: number): KubeObject[] {
  const app = 'web';
  const labels = { app };
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, labels },
    spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: `registry.example/web:${round}`, envFrom: [{ configMapRef: { name: 'config-0' } }] }] } } },
  };
  const services = Array.from({ length: 5 }, (_, i): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${i}`, labels }, spec: { selector: labels, ports: [{ port: 8080 + i }] } }));
  const configMaps = Array.from({ length: 10 }, (_, i): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `config-${i}`, labels }, data: { round: String(round), key: `value-${i}`.repeat(20) } }));
  const secrets = Array.from({ length: 3 }, (_, i): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `secret-${i}`, labels }, stringData: { token: `t-${round}-${i}` } }));
  const account: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: app, labels } };
  return [...configMaps, ...secrets, account, ...services, deployment];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} ${args.slice(0, 2).join(' ')} exited ${code}: ${stderr.trim().slice(0, 500)}`))));
  });
}

/** Foresail: the deployManifest handler, re-run after each pollAfterMs until it ends (no engine queue latency added). */
async function foresailDeploy(client: ClusterClient, namespace: string, objects: KubeObject[]): Promise<{ total: number; apply: number; runs: number }> {
  const ctx = stageContext(deployManifest, { account: client.account, namespaceOverride: namespace, manifests: objects }, { clock: fakeClock(Date.now()), services: { kubernetes: async () => client } });
  const started = performance.now();
  let apply = 0;
  for (let runs = 1; ; runs++) {
    ctx.clock.set(Date.now());
    const result = await deployManifest.run(ctx);
    if (runs === 1) apply = performance.now() - started;
    if (result.status === 'succeeded') return { total: performance.now() - started, apply, runs };
    if (result.status !== 'running') throw new Error(`deployManifest ended ${result.status}: ${'reason' in result ? result.reason : ''}`);
    ctx.state = result.state;
    await sleep(result.pollAfterMs);
  }
}

async function kubectlDeploy(kubectl: string, info: ClusterInfo, env: NodeJS.ProcessEnv, dir: string, namespace: string): Promise<number> {
  const common = ['--kubeconfig', info.kubeconfigPath, '--context', info.adminContext, '-n', namespace];
  const started = performance.now();
  await run(kubectl, ['apply', '--server-side', '--field-manager', 'kubectl-bench', '-f', dir, ...common], env);
  await run(kubectl, ['rollout', 'status', 'deployment/web', '--timeout', '120s', ...common], env);
  return performance.now() - started;
}

export const kubernetesApplyBench: Bench = {
  id: 'kubernetes-apply',
  title: 'Kubernetes apply + wait, 20 resources: Foresail deployManifest vs kubectl',
  async run(): Promise<BenchRow[]> {
    const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
    const wasRunning = await isClusterRunning(CLUSTER);
    const info = await startCluster({ name: CLUSTER, log });
    const kubectl = kubeBinary(await ensureKubeBinaries({ log }), 'kubectl');
    const work = mkdtempSync(path.join(tmpdir(), 'foresail-bench-k8s-'));
    // kubectl's discovery cache lives here, warmed by the first round like Foresail's.
    const env = { ...process.env, KUBECACHEDIR: path.join(work, 'kube-cache'), HOME: work };
    const account: KubernetesAccountSettings = { name: 'bench', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, inCluster: false, namespaces: [] };
    const client = clusterClientFor(account);
    const times = { foresail: [] as number[], kubectl: [] as number[] };
    const applyTimes: number[] = [];
    try {
      for (let round = 0; round <= ROUNDS; round++) {
        const objects = manifests(round);
        const dir = path.join(work, `round-${round}`);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir);
        objects.forEach((obj, i) => writeFileSync(path.join(dir, `${String(i).padStart(2, '0')}-${String(obj.kind).toLowerCase()}-${obj.metadata?.name ?? ''}.yaml`), stringify(obj)));
        const stamp = `${Date.now().toString(36)}-${round}`;
        const namespaces = { foresail: `bench-f-${stamp}`, kubectl: `bench-k-${stamp}` };
        for (const ns of Object.values(namespaces)) await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
        // The default ServiceAccount must exist before pods can be created, for both tools alike.
        for (const ns of Object.values(namespaces)) {
          while (!(await client.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }))) await sleep(100);
        }
        const order: ('foresail' | 'kubectl')[] = round % 2 ? ['kubectl', 'foresail'] : ['foresail', 'kubectl'];
        for (const tool of order) {
          let ms: number;
          let detail = '';
          if (tool === 'foresail') {
            const f = await foresailDeploy(client, namespaces.foresail, objects);
            ms = f.total;
            detail = ` (apply ${seconds(f.apply)}, ${f.runs} runs)`;
            if (round > 0) applyTimes.push(f.apply);
          } else {
            ms = await kubectlDeploy(kubectl, info, env, dir, namespaces.kubectl);
          }
          if (round > 0) times[tool].push(ms);
          log(`round ${round}${round === 0 ? ' (warm-up)' : ''}: ${tool} ${seconds(ms)}${detail}`);
        }
        for (const ns of Object.values(namespaces)) await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns });
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
      if (!wasRunning) await stopCluster(CLUSTER);
    }
    const foresail = median(times.foresail);
    const kubectlMs = median(times.kubectl);
    return [
      { metric: 'Foresail deployManifest, median', value: seconds(foresail), note: `${ROUNDS} rounds: ${times.foresail.map((t) => (t / 1000).toFixed(2)).join(', ')}` },
      { metric: 'Foresail apply of the 20 (first run), median', value: seconds(median(applyTimes)) },
      { metric: 'kubectl apply --server-side + rollout status, median', value: seconds(kubectlMs), note: `${ROUNDS} rounds: ${times.kubectl.map((t) => (t / 1000).toFixed(2)).join(', ')}` },
      { metric: 'ratio Foresail / kubectl', value: `${(foresail / kubectlMs).toFixed(2)}×`, target: '≤ 1.00×' },
    ];
  },
};
