import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { withLock } from './lock.ts';

const lockModule = pathToFileURL(path.join(import.meta.dirname, 'lock.ts')).href;
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-lock-test-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A process that takes the lock `rounds` times and, while holding it, appends "enter PID" and
 * "exit PID" lines to a shared journal (O_APPEND writes of a few bytes are atomic). Node runs the
 * TypeScript lock module itself (type stripping), so each taker starts in a fraction of a second.
 */
function taker(lockPath: string, journal: string, rounds: number): Promise<number> {
  const script = `
    import fs from 'node:fs';
    import { withLock } from ${JSON.stringify(lockModule)};
    for (let i = 0; i < ${rounds}; i++) {
      await withLock(${JSON.stringify(lockPath)}, 'the test', async () => {
        fs.appendFileSync(${JSON.stringify(journal)}, 'enter ' + process.pid + '\\n');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        fs.appendFileSync(${JSON.stringify(journal)}, 'exit ' + process.pid + '\\n');
      }, { timeoutMs: 120000, retryMs: 1 });
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** Entries while someone else was inside: 0 for a lock that works. */
function overlaps(journal: string): { entries: number; overlaps: number } {
  let inside = new Set<string>();
  let entries = 0;
  let count = 0;
  for (const line of fs.readFileSync(journal, 'utf8').trim().split('\n')) {
    const [event, pid = ''] = line.split(' ');
    if (event === 'enter') {
      entries += 1;
      if (inside.size > 0) count += 1;
      inside = new Set([...inside, pid]);
    } else {
      inside.delete(pid);
    }
  }
  return { entries, overlaps: count };
}

describe('withLock', () => {
  it('lets exactly one of many concurrent processes in at a time', async () => {
    const dir = tempDir();
    const lockPath = path.join(dir, 'contended.lock');
    const journal = path.join(dir, 'journal');
    fs.writeFileSync(journal, '');
    // Many takers retrying every millisecond: the old PID-file locks let two in here (an empty,
    // just-created lock file read as stale and was deleted), typically within a few hundred entries.
    const codes = await Promise.all(Array.from({ length: 8 }, () => taker(lockPath, journal, 40)));
    expect(codes).toEqual(Array.from({ length: 8 }, () => 0));
    expect(overlaps(journal)).toEqual({ entries: 320, overlaps: 0 });
  }, 180_000);

  it('is free again the moment its holder is killed, with no stale lock left behind', async () => {
    const lockPath = path.join(tempDir(), 'killed.lock');
    const holder = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import { withLock } from ${JSON.stringify(lockModule)}; await withLock(${JSON.stringify(lockPath)}, 'holding on', () => { process.stdout.write('held\\n'); return new Promise(() => setInterval(() => undefined, 1000)); }, { timeoutMs: 1000 });`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));

    const lines: string[] = [];
    const waiting = withLock(lockPath, 'the test', async () => 'got it', { timeoutMs: 60_000, log: (line) => lines.push(line) });
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toBe(`waiting for PID ${holder.pid}, which is busy with holding on`);

    holder.kill('SIGKILL');
    await expect(waiting).resolves.toBe('got it');
  }, 60_000);

  it('gives up after its timeout, naming the holder', async () => {
    const lockPath = path.join(tempDir(), 'busy.lock');
    let release: () => void = () => undefined;
    const held = withLock(lockPath, 'a long build', () => new Promise<void>((resolve) => (release = resolve)), { timeoutMs: 1_000 });
    await expect(withLock(lockPath, 'a second build', async () => undefined, { timeoutMs: 300, retryMs: 50 })).rejects.toThrow(
      `waiting for a second build: PID ${process.pid} holds ${lockPath}`,
    );
    release();
    await held;
    // Released: the next caller gets it at once.
    await expect(withLock(lockPath, 'a third build', async () => 3, { timeoutMs: 300 })).resolves.toBe(3);
  });

  it('releases the lock when the work throws', async () => {
    const lockPath = path.join(tempDir(), 'throws.lock');
    await expect(withLock(lockPath, 'failing work', () => Promise.reject(new Error('boom')), { timeoutMs: 1_000 })).rejects.toThrow('boom');
    await expect(withLock(lockPath, 'next work', async () => 'free', { timeoutMs: 300 })).resolves.toBe('free');
  });
});
