import fs from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { isPidAlive } from './processes.ts';

/**
 * A cross-process lock file holding the owner's PID. Builds and cluster starts can be triggered
 * by several processes at once (a test run's global setup and a developer's `cluster:up`).
 * A lock whose owner is gone is taken over, so a killed process never blocks the next run.
 */
export async function withFileLock<T>(
  lockPath: string,
  what: string,
  work: () => Promise<T>,
  opts: { timeoutMs: number; log?: (line: string) => void },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let announced = false;
  for (;;) {
    try {
      await fs.writeFile(lockPath, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (!isErrnoCode(err, 'EEXIST')) throw err;
    }
    const owner = Number.parseInt(await fs.readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (!Number.isInteger(owner) || owner === process.pid || !isPidAlive(owner)) {
      await fs.rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}: ${lockPath} is held by PID ${owner}`);
    }
    if (!announced) {
      opts.log?.(`waiting for PID ${owner}, which is busy with ${what}`);
      announced = true;
    }
    await sleep(500);
  }
  try {
    return await work();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}

export function isErrnoCode(err: unknown, code: string): boolean {
  return err instanceof Error && 'code' in err && err.code === code;
}
