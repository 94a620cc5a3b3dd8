/**
 * `npm run bench -- demo-world`: how long a warm-cache `npm run demo` takes to show its world ready
 * (issue 14's target: under 30 s): the world runner started as the supervisor starts it, timed from
 * spawn to the status file saying every required part is ready, and each part's own moment.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { makeTempDir, waitForExit } from '../../lib/runtime/processes';
import { runtimePaths } from '../../lib/runtime/paths';
import { cachedKubeBinaries } from '../../lib/world/cluster/build';
import { demoWorldPaths } from '../../lib/world/demo-paths';
import { freePorts } from '../../lib/world/ports';
import { readWorldStatus } from '../../lib/world/status-file';
import { describePart, isWorldSettled } from '../../lib/world/status-text';
import type { Bench, BenchRow } from './types';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function run(): Promise<BenchRow[]> {
  if (!(await cachedKubeBinaries())) throw new Error('the Kubernetes binaries are not in the build cache: run `npm run cluster:build` first (this bench measures a warm start)');
  const dataDir = makeTempDir('foresail-bench-world-');
  const [port = 0] = await freePorts(1);
  const world = { kubeconfigFile: demoWorldPaths(dataDir).kubeconfig, context: 'demo', prometheusUrl: `http://127.0.0.1:${port}` };
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', runtimePaths.demoWorldEntry], {
    env: { ...process.env, LOG_LEVEL: 'warn', FORESAIL_DATA_DIR: dataDir, FORESAIL_DEMO_WORLD: JSON.stringify(world) },
    stdio: 'ignore',
    detached: true,
  });
  try {
    const statusFile = demoWorldPaths(dataDir).statusFile;
    let readyAt: number | undefined;
    for (;;) {
      const status = readWorldStatus(statusFile);
      if (status.ready) readyAt ??= Date.now();
      if (status.runner === 'running' && status.parts.length > 0 && isWorldSettled(status.parts)) {
        const rows: BenchRow[] = [{ metric: 'world ready (warm cache)', value: readyAt ? seconds(readyAt - t0) : 'never', target: '< 30 s', note: 'spawn of the runner to every required part ready' }];
        for (const part of status.parts) {
          rows.push(part.state === 'ready' ? { metric: `${part.label} ready`, value: seconds(part.since - t0) } : { metric: part.label, value: part.state, note: describePart(part, Date.now()) });
        }
        return rows;
      }
      if (child.exitCode !== null) throw new Error(`the world runner exited with ${child.exitCode}`);
      if (Date.now() - t0 > 600_000) throw new Error(`the world did not settle in 10 min: ${status.parts.map((p) => describePart(p, Date.now())).join('; ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    child.kill('SIGTERM');
    // The runner stops its servers on SIGTERM; if it cannot, its process group goes.
    if (!(await waitForExit(child, 60_000)) && child.pid) process.kill(-child.pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export const demoWorldBench: Bench = { id: 'demo-world', title: 'Demo world start-up', run };
