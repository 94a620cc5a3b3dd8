/**
 * Start-up and idle footprint: time from `npm start` (production build present) to a 200 from
 * /api/health, cold (fresh data folder, includes initdb) and warm (existing data), and the idle
 * memory of web, worker and embedded PostgreSQL.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, makeTempDir, waitForExit } from '../../lib/runtime/processes';
import { mib, processTree, type ProcessInfo } from './process-tree';
import type { Bench, BenchRow } from './types';

const root = path.resolve(import.meta.dirname, '..', '..');

interface Started {
  ms: number;
  pid: number;
  stop(): Promise<void>;
}

async function npmStart(dataDir: string): Promise<Started> {
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

function classify(p: ProcessInfo): string {
  if (p.cmdline.startsWith('next-server') || p.cmdline.includes('next/dist/bin/next')) return 'web (next start)';
  if (p.cmdline.includes('worker-main.ts')) return 'worker';
  if (p.cmdline.includes('postgres')) return 'PostgreSQL (all processes, PSS)';
  if (p.cmdline.includes('launch.mjs')) return 'supervisor';
  return 'launchers (npm, sh, tsx)';
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
      const tree = processTree(last?.pid ?? -1);
      const groups = new Map<string, { rss: number; pss: number; count: number }>();
      for (const p of tree) {
        const key = classify(p);
        const g = groups.get(key) ?? { rss: 0, pss: 0, count: 0 };
        groups.set(key, { rss: g.rss + p.rssBytes, pss: g.pss + p.pssBytes, count: g.count + 1 });
      }
      let total = 0;
      for (const key of ['web (next start)', 'worker', 'PostgreSQL (all processes, PSS)', 'supervisor', 'launchers (npm, sh, tsx)']) {
        const g = groups.get(key);
        if (!g) continue;
        const bytes = key.startsWith('PostgreSQL') ? g.pss : g.rss;
        total += key.startsWith('launchers') ? 0 : bytes;
        rows.push({ metric: `idle memory: ${key}`, value: mib(bytes), note: `${g.count} process(es)` });
      }
      rows.push({ metric: 'idle memory: web + worker + PostgreSQL + supervisor', value: mib(total) });
      await last?.stop();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    return rows;
  },
};
