import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A process started by this module; `bin` lets us tell it apart from a later process reusing the PID. */
export interface RecordedProcess {
  name: string;
  pid: number;
  bin: string;
  logPath: string;
}

export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM means it exists but belongs to someone else.
    return err instanceof Error && 'code' in err && err.code === 'EPERM';
  }
  // A zombie has exited; it only waits for its parent to reap it.
  const stat = readProc(pid, 'stat');
  return stat === undefined || !/^\d+ \(.*\) Z/s.test(stat);
}

/** Alive, and still running the binary we started (PIDs get reused). */
export function isRecordedProcessAlive(proc: RecordedProcess): boolean {
  if (!isPidAlive(proc.pid)) return false;
  const cmdline = readProc(proc.pid, 'cmdline');
  return cmdline === undefined || cmdline.split('\0')[0] === proc.bin;
}

/**
 * Starts a long-lived process, stdout/stderr appended to `logPath`, with no handle keeping our event
 * loop alive. Detached (the default), it gets its own process group and outlives this Node process;
 * otherwise it stays in our group, so stopping the group stops it too.
 */
export async function spawnDetached(
  name: string,
  bin: string,
  args: readonly string[],
  logPath: string,
  opts: { cwd: string; env?: NodeJS.ProcessEnv; detached?: boolean },
): Promise<RecordedProcess> {
  const fd = fs.openSync(logPath, 'a');
  try {
    fs.writeSync(fd, `\n=== ${new Date().toISOString()} starting ${name}: ${bin} ${args.join(' ')}\n`);
    const child = spawn(bin, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: opts.detached ?? true,
      stdio: ['ignore', fd, fd],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('error', (err) => reject(new Error(`Could not start ${name} (${bin}): ${err.message}`)));
      child.once('spawn', () => {
        if (child.pid === undefined) reject(new Error(`Could not start ${name} (${bin}): no PID`));
        else resolve(child.pid);
      });
    });
    child.unref();
    return { name, pid, bin, logPath };
  } finally {
    fs.closeSync(fd);
  }
}

/** SIGTERM each process group, wait, then SIGKILL whatever is left. Already-gone processes are fine. */
export async function stopProcesses(procs: readonly RecordedProcess[], opts: { graceMs?: number; reap?: boolean } = {}): Promise<void> {
  const graceMs = opts.graceMs ?? 10_000;
  const running = procs.filter(isRecordedProcessAlive);
  for (const proc of running) signal(proc.pid, 'SIGTERM');
  if (!(await waitForExit(running, graceMs))) {
    for (const proc of running.filter(isRecordedProcessAlive)) signal(proc.pid, 'SIGKILL');
    if (!(await waitForExit(running, 5_000))) {
      const left = running.filter(isRecordedProcessAlive).map((p) => `${p.name} (PID ${p.pid})`);
      throw new Error(`Processes did not exit after SIGKILL: ${left.join(', ')}`);
    }
  }
  if (opts.reap ?? true) await waitForReaping(running);
}

/**
 * Exited processes whose starter is gone are re-parented to PID 1, which reaps them a moment
 * later; until then `ps` lists them as <defunct>. Waiting briefly keeps `ps` clean after a stop.
 */
export async function waitForReaping(procs: readonly RecordedProcess[], timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (procs.some((p) => readProc(p.pid, 'stat') !== undefined) && Date.now() < deadline) await sleep(100);
}

async function waitForExit(procs: readonly RecordedProcess[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (procs.some(isRecordedProcessAlive)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, sig);
      return;
    } catch {
      // Not a group leader (or already gone): try the PID alone, then give up quietly.
    }
  }
}

function readProc(pid: number, file: 'stat' | 'cmdline'): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}
