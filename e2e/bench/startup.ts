/**
 * Start-up and idle footprint: time from `npm start` (production build present) to a 200 from
 * /api/health, cold (fresh data folder, includes initdb) and warm (existing data), and the idle
 * memory of web, worker and embedded PostgreSQL. Then (issue 20, target 7) warm again with the
 * executions-list bench's data set in the database: 100,000 executions × 5 stages.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { getLogger } from '../../lib/log';
import { startEmbeddedPostgres } from '../../lib/runtime/embedded-postgres';
import { freePort, makeTempDir, waitForExit } from '../../lib/runtime/processes';
import { seedExecutions } from './executions-seed';
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

const LOADED_EXECUTIONS = 100_000;

/**
 * The executions-list bench's data set, written into a stopped instance's data folder through an
 * embedded PostgreSQL of its own (the application and pipelines in SQL: no web process is running).
 */
async function loadExecutions(dataDir: string): Promise<number> {
  const postgres = await startEmbeddedPostgres({ dataDir, log: getLogger().child({ component: 'bench' }) });
  const pool = new pg.Pool({ connectionString: postgres.url });
  try {
    const t0 = performance.now();
    await pool.query(`INSERT INTO applications (id, name, owner_email, permissions, updated_at) VALUES (gen_random_uuid(), 'bench', 'b@example.com', '{"READ":["developers"],"WRITE":["developers"],"EXECUTE":["developers"]}', now())`);
    const pipelines = Array.from({ length: 4 }, (_, i) => ({ id: `bench-deploy-${i}`, name: `Deploy ${i}` }));
    for (const p of pipelines) {
      await pool.query("INSERT INTO pipelines (id, application, name, config, updated_at) VALUES ($1, 'bench', $2, $3, now())", [p.id, p.name, { id: p.id, name: p.name, application: 'bench', stages: [] }]);
    }
    await seedExecutions(pool, { application: 'bench', pipelines, count: LOADED_EXECUTIONS });
    return performance.now() - t0;
  } finally {
    await pool.end();
    await postgres.stop();
  }
}

/** Three warm starts, all stopped but the last when `keep` is set; sorted times and that last start. */
async function warmStarts(dataDir: string, keep: boolean): Promise<{ ms: number[]; last: Started | undefined }> {
  const ms: number[] = [];
  let last: Started | undefined;
  for (let i = 0; i < 3; i++) {
    last = await npmStart(dataDir);
    ms.push(last.ms);
    if (i < 2 || !keep) await last.stop();
  }
  return { ms: ms.sort((a, b) => a - b), last: keep ? last : undefined };
}

export const startupBench: Bench = {
  id: 'startup',
  title: 'Start-up to healthy and idle memory',
  async run(): Promise<BenchRow[]> {
    if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('run `npm run build` first');
    const rows: BenchRow[] = [];
    const dataDir = makeTempDir('foresail-bench-');
    // Start-up times are absolute figures: the machine's load says how far to trust them.
    const loadBefore = os.loadavg()[0]?.toFixed(1) ?? '?';
    try {
      const cold = await npmStart(dataDir);
      await cold.stop();
      rows.push({ metric: 'npm start → healthy, cold (new data folder, initdb)', value: `${Math.round(cold.ms)} ms` });

      const { ms: warm, last } = await warmStarts(dataDir, true);
      rows.push({ metric: 'npm start → healthy, warm (median of 3)', value: `${Math.round(warm[1] ?? 0)} ms`, note: `runs: ${warm.map((m) => Math.round(m)).join(', ')} ms` });

      await new Promise((r) => setTimeout(r, 10_000));
      rows.push(...idleMemoryRows(last?.pid ?? -1));
      await last?.stop();

      const seedMs = await loadExecutions(dataDir);
      const { ms: loaded } = await warmStarts(dataDir, false);
      rows.push({
        metric: `npm start → healthy, warm, ${LOADED_EXECUTIONS.toLocaleString('en')} executions loaded (median of 3)`,
        value: `${Math.round(loaded[1] ?? 0)} ms`,
        target: '≤ 3,000 ms',
        note: `runs: ${loaded.map((m) => Math.round(m)).join(', ')} ms; the data set (× 5 stages) seeded in ${(seedMs / 1000).toFixed(1)} s before`,
      });
      rows.push({ metric: 'machine load (1-min average), start / end', value: `${loadBefore} / ${os.loadavg()[0]?.toFixed(1) ?? '?'}`, note: `${os.cpus().length} cores shared with other work` });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    return rows;
  },
};
