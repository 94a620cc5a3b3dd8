/**
 * Start-up and idle footprint: time from `npm start` (production build present) to a 200 from
 * /api/health, cold (fresh data folder, includes initdb) and warm (existing data), and the idle
 * memory of web, worker and embedded PostgreSQL.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, makeTempDir, waitForExit } from '../../lib/runtime/processes';
import { idleMemoryRows } from './idle-memory';
import { processTree } from './process-tree';
import type { Bench, BenchRow } from './types';

const root = path.resolve(import.meta.dirname, '..', '..');

interface Started {
  ms: number;
  pid: number;
  stop(): Promise<void>;
}

export async function npmStart(dataDir: string): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), FORESAIL_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], { cwd: root, env, stdio: 'ignore', detached: true });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const ms = performance.now() - t0;
  return {
    ms,
    pid: child.pid ?? -1,
    async stop() {
      // The whole group: npm forwards signals unreliably; the supervisor handles SIGTERM itself.
      const supervisor = processTree(child.pid ?? -1).find((p) => p.cmdline.includes('launch.mjs start') && !p.cmdline.startsWith('sh ') && !p.cmdline.includes('npm'));
      if (supervisor) process.kill(supervisor.pid, 'SIGTERM');
      await waitForExit(child, 30_000);
    },
  };
}

export const startupBench: Bench = {
  id: 'startup',
  title: 'Start-up to healthy and idle memory',
  async run(): Promise<BenchRow[]> {
    if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('run `npm run build` first');
    const rows: BenchRow[] = [];
    const dataDir = makeTempDir('foresail-bench-');
    try {
      const cold = await npmStart(dataDir);
      await cold.stop();
      rows.push({ metric: 'npm start → healthy, cold (new data folder, initdb)', value: `${Math.round(cold.ms)} ms` });

      const warm: number[] = [];
      let last: Started | undefined;
      for (let i = 0; i < 3; i++) {
        last = await npmStart(dataDir);
        warm.push(last.ms);
        if (i < 2) await last.stop();
      }
      warm.sort((a, b) => a - b);
      rows.push({ metric: 'npm start → healthy, warm (median of 3)', value: `${Math.round(warm[1] ?? 0)} ms`, note: `runs: ${warm.map((m) => Math.round(m)).join(', ')} ms` });

      await new Promise((r) => setTimeout(r, 10_000));
      rows.push(...idleMemoryRows(last?.pid ?? -1));
      await last?.stop();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    return rows;
  },
};
