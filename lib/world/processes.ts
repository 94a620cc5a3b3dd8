import { spawn } from 'node:child_process';
import fs from 'node:fs';

/**
 * Starts a long-running server, output appended to logFile. Detached (the default), in its own
 * session, so it outlives its starter; otherwise in the starter's process group (see WorldServiceOptions).
 */
export function spawnServer(command: string, args: readonly string[], logFile: string, opts: { detached?: boolean } = {}): number {
  const log = fs.openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { detached: opts.detached ?? true, stdio: ['ignore', log, log] });
    if (child.pid === undefined) throw new Error(`Could not start ${command} (no PID); see ${logFile}`);
    // The handle stays (Node still reaps the child if it dies) but no longer keeps this process alive.
    child.unref();
    return child.pid;
  } finally {
    fs.closeSync(log);
  }
}

/**
 * True when `pid` is a live (non-zombie) process whose command line contains `marker`.
 * The marker (our config path) guards against a recycled PID belonging to someone else.
 */
export function isOurProcess(pid: number, marker: string): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3, after the parenthesised command name, is the state; Z means exited but not yet reaped.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return cmdline.includes(marker);
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (err) {
    // ESRCH: it exited between our check and the signal, which is what we wanted anyway.
    if (!(err instanceof Error && 'code' in err && err.code === 'ESRCH')) throw err;
  }
}

/** Sends SIGTERM, waits up to `graceMs` for the process to go, then SIGKILLs it. No-op if it is not ours. */
export async function stopProcess(pid: number, marker: string, graceMs = 10_000): Promise<void> {
  if (!isOurProcess(pid, marker)) return;
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isOurProcess(pid, marker)) return;
    await sleep(50);
  }
  if (isOurProcess(pid, marker)) signal(pid, 'SIGKILL');
  while (isOurProcess(pid, marker)) await sleep(20);
}

/** The last `lines` lines of a log file (its last 64 KiB), for error messages; empty when there is no log yet. */
export function tailFile(file: string, lines = 25): string {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r');
    try {
      const length = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(length);
      fs.readSync(fd, buf, 0, length, size - length);
      text = buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Polls `probe` until it returns true. Fails early when the server process has died, and on timeout;
 * both errors carry the tail of the server's log, which is where the reason is.
 */
export async function waitForReady(opts: {
  what: string;
  probe: () => Promise<boolean>;
  isAlive: () => boolean;
  logFile: string;
  timeoutMs: number;
}): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (await opts.probe()) return;
    if (!opts.isAlive()) {
      throw new Error(`${opts.what} exited during startup. Last lines of ${opts.logFile}:\n${tailFile(opts.logFile)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${opts.what} not ready after ${opts.timeoutMs} ms. Last lines of ${opts.logFile}:\n${tailFile(opts.logFile)}`,
      );
    }
    await sleep(50);
  }
}

/** Where and how one world's LDAP or Prometheus runs. */
export interface WorldServiceOptions {
  /** The world's folder (default: the test world's `<repo>/.foresail`); the service lives in `<root>/services/`. */
  root?: string;
  /**
   * true (default): the server outlives the caller, until stopped by PID (`services:up`, tests).
   * false: it stays in the caller's process group, so stopping that group stops it (the demo).
   */
  detached?: boolean;
  /** The port to use when free (else any free port). */
  preferredPort?: number;
}
