import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireInstanceLock, InstanceBusyError, lockFileName, readInstance, type InstanceInfo } from './instance-lock';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const writeLock = (dir: string, info: Partial<InstanceInfo>) =>
  fs.writeFileSync(path.join(dir, lockFileName), JSON.stringify({ url: 'http://localhost:3000', mode: 'start', startedAt: new Date().toISOString(), database: 'running', ...info }));

/** A PID that certainly belongs to no running process: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('one Foresail per data folder', () => {
  it('refuses a second instance, naming the running one, and leaves its lock as it was', () => {
    const dir = tempDir();
    const lock = acquireInstanceLock(dir, { url: 'http://localhost:3000', mode: 'demo' });
    const before = fs.readFileSync(lock.file, 'utf8');
    let thrown: unknown;
    try {
      acquireInstanceLock(dir, { url: 'http://localhost:4000', mode: 'start' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(InstanceBusyError);
    expect((thrown as Error).message).toContain(`PID ${process.pid}, http://localhost:3000`);
    expect(fs.readFileSync(lock.file, 'utf8')).toBe(before);
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
  });

  it('takes over the lock of an instance that died', () => {
    const dir = tempDir();
    writeLock(dir, { pid: deadPid(), startTicks: '1' });
    expect(readInstance(dir)).toBeUndefined();
    const lock = acquireInstanceLock(dir, { url: 'http://localhost:3000', mode: 'start' });
    expect(readInstance(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('does not mistake a recycled PID for the instance that wrote the lock', () => {
    const dir = tempDir();
    writeLock(dir, { pid: process.pid, startTicks: 'not-this-process' });
    const lock = acquireInstanceLock(dir, { url: 'http://localhost:3000', mode: 'start' });
    expect(readInstance(dir)?.startTicks).not.toBe('not-this-process');
    lock.release();
  });

  it('publishes the database state for /api/health and removes only its own lock', () => {
    const dir = tempDir();
    const lock = acquireInstanceLock(dir, { url: 'http://localhost:3000', mode: 'start' });
    expect(readInstance(dir)?.database).toBe('starting');
    lock.update({ database: 'restarting' });
    expect(readInstance(dir)?.database).toBe('restarting');
    writeLock(dir, { pid: 1, startTicks: 'someone else' });
    lock.release();
    expect(fs.existsSync(path.join(dir, lockFileName))).toBe(true);
  });
});
