import fs from 'node:fs';
import path from 'node:path';
import { sleep } from './processes.ts';

function holderIsAlive(file: string): boolean {
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else; only ESRCH means it is gone.
    return err instanceof Error && 'code' in err && err.code === 'EPERM';
  }
}

/**
 * Runs `fn` while holding an exclusive lock file (containing our PID), so two starters (a test run and
 * `services:up` in another terminal) never wipe and start the same service at once. A lock left by a
 * process that has died is taken over.
 */
export async function withLock<T>(file: string, what: string, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (!(err instanceof Error && 'code' in err && err.code === 'EEXIST')) throw err;
    }
    try {
      if (!holderIsAlive(file)) {
        fs.rmSync(file, { force: true });
        continue;
      }
    } catch {
      continue; // the holder released it between our attempts
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${file} (${what})`);
    await sleep(100);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
