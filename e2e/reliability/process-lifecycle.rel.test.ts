import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockFileName } from '../../lib/runtime/instance-lock';
import { readPidFile } from '../../lib/runtime/postgres-server';
import { freePort, isProcessAlive, makeTempDir, tailFile, waitForExit } from '../../lib/runtime/processes';
import { processTree } from '../bench/process-tree';
import { startForesail, type ForesailProcess } from '../support/foresail-process';

// One machine, real processes: one Foresail per data folder, and nothing outlives its parent.
const root = path.resolve(import.meta.dirname, '..', '..');
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isGone = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z'); // a zombie has exited
  } catch {
    return true;
  }
};
const isPostgres = (cmdline: string) => /(^|\/)postgres( |:)/.test(cmdline);

/** Waits until none of `pids` runs; returns the ones still running after `ms`. */
async function survivors(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && pids.some((pid) => !isGone(pid))) await sleep(100);
  return pids.filter((pid) => !isGone(pid));
}

async function healthStatus(url: string): Promise<number> {
  try {
    return (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
}

function environment(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), FORESAIL_HOST: '127.0.0.1', FORESAIL_BASE_URL: `http://127.0.0.1:${port}`, FORESAIL_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  delete env.FORESAIL_CONFIG;
  return env;
}

describe('running on one machine', () => {
  it('a second start on a data folder in use exits at once naming the running instance, and changes nothing', { timeout: 300_000 }, async () => {
    const first: ForesailProcess = await startForesail();
    cleanup.push(() => first.stop());
    const supervisorPid = first.pids()[0];
    const lockBefore = fs.readFileSync(path.join(first.dataDir, lockFileName), 'utf8');
    const postgresBefore = readPidFile(path.join(first.dataDir, 'postgres'))?.pid;

    const second = spawn(process.execPath, ['lib/runtime/launch.mjs', 'start'], { cwd: root, env: environment(first.dataDir, await freePort()), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    second.stdout.resume();
    const statuses: number[] = [];
    while (second.exitCode === null && statuses.length < 1200) {
      statuses.push(await healthStatus(first.url));
      await sleep(100);
    }
    expect(await waitForExit(second, 60_000)).toBe(true);
    for (let i = 0; i < 10; i++) statuses.push(await healthStatus(first.url));

    expect(second.exitCode).not.toBe(0);
    expect(stderr).toContain(`Foresail is already running on the data folder ${first.dataDir} (PID ${supervisorPid}, ${first.url})`);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(fs.readFileSync(path.join(first.dataDir, lockFileName), 'utf8')).toBe(lockBefore);
    expect(readPidFile(path.join(first.dataDir, 'postgres'))?.pid).toBe(postgresBefore);
  });

  it('SIGTERM to the npm process leaves no process behind within 10 s', { timeout: 300_000 }, async () => {
    const dataDir = makeTempDir('foresail-npm-');
    cleanup.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const out = fs.openSync(path.join(dataDir, 'npm.log'), 'a');
    const npm = spawn('npm', ['start', '--silent'], { cwd: root, env: environment(dataDir, port), stdio: ['ignore', out, out] });
    fs.closeSync(out);
    const deadline = Date.now() + 120_000;
    while ((await healthStatus(`http://127.0.0.1:${port}`)) !== 200) {
      if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not become healthy:\n${tailFile(path.join(dataDir, 'npm.log'), 30)}`);
      await sleep(200);
    }
    const tree = processTree(npm.pid ?? -1);
    cleanup.push(async () => {
      for (const p of tree) if (!isGone(p.pid)) process.kill(p.pid, 'SIGKILL');
    });
    expect(tree.filter((p) => isPostgres(p.cmdline)).length).toBeGreaterThan(0);
    expect(tree.length).toBeGreaterThanOrEqual(6); // npm, sh, supervisor, web, worker, PostgreSQL…

    const signalledAt = Date.now();
    npm.kill('SIGTERM');
    const left = await survivors(tree.map((p) => p.pid), 10_000);
    process.stdout.write(`SIGTERM to npm: ${tree.length} processes gone after ${((Date.now() - signalledAt) / 1000).toFixed(1)} s\n`);
    expect(left.map((pid) => tree.find((p) => p.pid === pid)?.cmdline)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, lockFileName))).toBe(false);
  });

  it('after a SIGKILL of the supervisor, web and worker exit within 10 s and the next start takes over the orphaned PostgreSQL cleanly', { timeout: 300_000 }, async () => {
    const foresail = await startForesail({ keepData: true });
    cleanup.push(async () => {
      await foresail.stop();
      fs.rmSync(foresail.dataDir, { recursive: true, force: true });
    });
    const pgDir = path.join(foresail.dataDir, 'postgres');
    const [supervisorPid] = foresail.pids();
    const children = processTree(supervisorPid ?? -1).filter((p) => p.pid !== supervisorPid && !isPostgres(p.cmdline));
    const orphan = readPidFile(pgDir)?.pid ?? -1;
    expect(children.length).toBeGreaterThanOrEqual(2); // web and worker

    process.kill(supervisorPid ?? -1, 'SIGKILL');
    const killedAt = Date.now();
    const left = await survivors(children.map((p) => p.pid), 10_000);
    process.stdout.write(`SIGKILL of the supervisor: web and worker gone after ${((Date.now() - killedAt) / 1000).toFixed(1)} s\n`);
    expect(left).toEqual([]);
    expect(isProcessAlive(orphan)).toBe(true); // PostgreSQL cannot notice; the next start deals with it

    const logBefore = fs.readFileSync(`${pgDir}.log`, 'utf8').length;
    await foresail.restart();
    expect(isProcessAlive(orphan)).toBe(false);
    expect(readPidFile(pgDir)?.pid).not.toBe(orphan);
    expect(fs.readFileSync(foresail.logFile, 'utf8')).toContain('stopping the PostgreSQL an earlier Foresail left running');
    // Stopped with a clean shutdown, not killed: the restarted server needs no crash recovery.
    const takeover = fs.readFileSync(`${pgDir}.log`, 'utf8').slice(logBefore);
    expect(takeover).toContain('database system is shut down');
    expect(takeover).not.toContain('not properly shut down');
    expect(await healthStatus(foresail.url)).toBe(200);
  });
});
