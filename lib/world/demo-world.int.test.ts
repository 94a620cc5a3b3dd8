import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { demoWorldPaths } from './demo-paths';
import { startDemoWorld, type RunningDemoWorld } from './demo-world';
import { freePorts } from './ports';
import type { WorldPart } from './status';
import { readWorldStatus } from './status-file';
import { describePart, isWorldSettled } from './status-text';
import { goldengoose } from '../demo/goldengoose';

// The demo world against the real programs: the cluster from the shared build cache, Debian's
// prometheus and slapd. Each test has its own data folder, so its own cluster "demo".
const runnerEntry = path.resolve(import.meta.dirname, '..', 'runtime', 'demo-world-main.ts');
const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-demo-world-'));
  dirs.push(dir);
  return dir;
}

/** PIDs of the processes in process group `pgid`. */
/** Live members of process group `pgid` (zombies have exited; they only wait for their parent to reap them). */
function groupMembers(pgid: number): number[] {
  return fs.readdirSync('/proc').flatMap((entry) => {
    try {
      const fields = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , group] = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
      return Number(group) === pgid && state !== 'Z' ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

/** The world runner as the supervisor starts it: its own process group, the world's whereabouts in the environment. */
async function startRunner(dir: string, env: Readonly<Record<string, string>> = {}): Promise<{ child: ChildProcess; prometheusUrl: string }> {
  const [port = 0] = await freePorts(1);
  const prometheusUrl = `http://127.0.0.1:${port}`;
  const world = { kubeconfigFile: demoWorldPaths(dir).kubeconfig, context: 'demo', prometheusUrl };
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', runnerEntry], {
    env: { ...process.env, LOG_FORMAT: 'json', FORESAIL_DATA_DIR: dir, FORESAIL_DEMO_WORLD: JSON.stringify(world), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  });
  return { child, prometheusUrl };
}

async function settledParts(statusFile: string, timeoutMs: number): Promise<WorldPart[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = readWorldStatus(statusFile);
    if (status.runner === 'running' && status.parts.length > 0 && isWorldSettled(status.parts)) return status.parts;
    if (Date.now() > deadline) throw new Error(`The world did not settle: ${status.parts.map((p) => describePart(p, Date.now())).join('; ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stopRunner(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

describe('the demo world runner', () => {
  it('brings up the cluster "demo", Prometheus and OpenLDAP, says so, and leaves nothing running when stopped', async () => {
    const dir = dataDir();
    const started = Date.now();
    const { child, prometheusUrl } = await startRunner(dir);
    const parts = await settledParts(demoWorldPaths(dir).statusFile, 300_000);
    console.log(`demo world ready (warm cache) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The runner starts the demo's extras too (lib/demo/extras.ts): goldengoose's production and the two simulators.
    expect(parts.map((p) => [p.label, p.state])).toEqual([
      ['Kubernetes', 'ready'],
      ['Prometheus', 'ready'],
      ['OpenLDAP', 'ready'],
      ['goldengoose in production', 'ready'],
      ['Pipelines as resources (GitOps)', 'ready'],
      ['Build controller (simulated)', 'ready'],
      ['Traffic (simulated)', 'ready'],
    ]);
    expect(readWorldStatus(demoWorldPaths(dir).statusFile).ready).toBe(true);

    // What Foresail's `demo` account reads: context demo, cluster-admin.
    const kc = new KubeConfig();
    kc.loadFromFile(demoWorldPaths(dir).kubeconfig);
    expect(kc.getContexts().map((c) => c.name)).toEqual(['demo']);
    expect(kc.getCurrentContext()).toBe('demo');
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    expect(nodes.items.map((n) => n.metadata?.name).sort()).toEqual(['kwok-node-0', 'kwok-node-1', 'kwok-node-2']);
    // goldengoose's GitOps resource, for the worker's sync to save as a read-only pipeline.
    const { namespace, resource } = goldengoose.gitops;
    const pipelines = await kc.makeApiClient(CustomObjectsApi).listNamespacedCustomObject({ group: 'foresail.dev', version: 'v1alpha1', namespace, plural: 'pipelines' });
    expect((pipelines as { items: { metadata: { name: string } }[] }).items.map((p) => p.metadata.name)).toEqual([resource]);
    // Prometheus where the metrics account `demo-prometheus` was told to look.
    expect((await fetch(`${prometheusUrl}/-/ready`)).status).toBe(200);

    const pgid = child.pid ?? 0;
    expect(groupMembers(pgid).length).toBeGreaterThan(7); // runner + prometheus + slapd + 5 cluster processes
    expect(await stopRunner(child)).toBe(0);
    expect(groupMembers(pgid)).toEqual([]);
    await expect(fetch(`${prometheusUrl}/-/ready`)).rejects.toThrow();
  }, 400_000);

  it('reports what is missing and the command that fixes it when go and slapd are not on PATH; Prometheus still runs', async () => {
    const dir = dataDir();
    const emptyCache = dataDir(); // nothing built: the cluster would need Go
    // /usr/sbin (slapd, slaptest) and Go's folder are left out; prometheus and openssl are in /usr/bin.
    const { child } = await startRunner(dir, { PATH: '/usr/bin:/bin', FORESAIL_CACHE_DIR: emptyCache });
    const parts = await settledParts(demoWorldPaths(dir).statusFile, 120_000);
    const byId = Object.fromEntries(parts.map((p) => [p.id, p]));
    expect(byId.prometheus?.state).toBe('ready');
    expect(byId.kubernetes).toMatchObject({ state: 'unavailable', missing: expect.stringContaining('Go') });
    expect(byId.kubernetes?.state === 'unavailable' && byId.kubernetes.fix).toMatch(/^export PATH="\$PATH:\/usr\/local\/go\/bin"$|^curl -fsSL https:\/\/go\.dev\/dl\//);
    expect(byId.ldap).toEqual({
      id: 'ldap',
      label: 'OpenLDAP',
      required: false,
      state: 'unavailable',
      missing: 'slapd, slaptest: installed in /usr/sbin, which is not on PATH',
      fix: 'export PATH="$PATH:/usr/sbin"',
    });
    expect(readWorldStatus(demoWorldPaths(dir).statusFile).ready).toBe(false);
    expect(fs.readdirSync(emptyCache)).toEqual([]); // no build was attempted
    expect(await stopRunner(child)).toBe(0);
  }, 200_000);
});

describe('startDemoWorld', () => {
  it('starts extras once the cluster and Prometheus are ready, and Prometheus scrapes the targets they add', async () => {
    const metrics = http.createServer((req, res) => {
      res.writeHead(req.url === '/metrics' ? 200 : 404, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(req.url === '/metrics' ? '# TYPE foresail_world_probe gauge\nforesail_world_probe 42\n' : '');
    });
    await new Promise<void>((resolve) => metrics.listen(0, '127.0.0.1', resolve));
    const address = metrics.address();
    const metricsUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/metrics`;
    let seenWorld: { context: string; kubeconfigPath: string } | undefined;
    let stopped = false;

    const [port] = await freePorts(1);
    const world: RunningDemoWorld = startDemoWorld({
      dataDir: dataDir(),
      log: () => undefined,
      prometheusPort: port,
      extras: [
        {
          name: 'Probe simulator',
          async start(w) {
            seenWorld = { context: w.context, kubeconfigPath: w.kubeconfigPath };
            w.addScrapeTarget(metricsUrl);
            return { stop: async () => void (stopped = true) };
          },
        },
      ],
    });
    cleanups.push(() => world.stop());
    await world.settled;
    expect(world.parts().map((p) => [p.label, p.state])).toEqual([
      ['Kubernetes', 'ready'],
      ['Prometheus', 'ready'],
      ['OpenLDAP', 'ready'],
      ['Probe simulator', 'ready'],
    ]);
    expect(seenWorld?.context).toBe('demo');
    expect(fs.existsSync(seenWorld?.kubeconfigPath ?? '')).toBe(true);

    // File-based discovery: Prometheus picks the target up without a restart and scrapes it every 5 s.
    const query = `http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent('foresail_world_probe{job="demo"}')}`;
    await expect
      .poll(async () => ((await (await fetch(query)).json()) as { data: { result: { value: [number, string] }[] } }).data.result[0]?.value[1], { timeout: 60_000, interval: 1_000 })
      .toBe('42');

    await world.stop();
    expect(stopped).toBe(true);
    metrics.close();
  }, 400_000);
});
