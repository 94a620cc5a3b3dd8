import { createHash } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockOptions {
  timeoutMs: number;
  /** Told once, with the holder's PID and task, when this caller has to wait. */
  log?: (line: string) => void;
  /** How often a waiter tries again. */
  retryMs?: number;
  /** Stops waiting (rejects with the signal's reason). */
  signal?: AbortSignal;
}

/**
 * Runs `work` while holding the cross-process lock named by `lockPath` (builds, cluster starts and
 * stops, service starts: a test run's global setup, `cluster:up` in a terminal and the demo may race).
 *
 * The lock is a Linux abstract Unix socket whose name is derived from `lockPath`: binding it is
 * atomic, so exactly one process holds it, and the kernel releases the name the moment the holder
 * exits however it dies (SIGKILL, OOM), so there is never a stale lock to detect or take over. The
 * PID lock files this replaces raced exactly there: a file just created but not yet written read as
 * stale and was deleted, and two processes both held the lock (issue 22 item 8; lock.test.ts).
 * Sockets are opened close-on-exec, so servers started while holding it do not inherit it.
 * Abstract names are per network namespace: processes sharing a folder from different containers do
 * not see each other's locks.
 */
export async function withLock<T>(lockPath: string, what: string, work: () => Promise<T>, opts: LockOptions): Promise<T> {
  const name = socketName(lockPath);
  const deadline = Date.now() + opts.timeoutMs;
  let announced = false;
  for (;;) {
    opts.signal?.throwIfAborted();
    const server = await tryBind(name, what);
    if (server) {
      try {
        return await work();
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for ${what}: ${describe(await askHolder(name))} holds ${lockPath}`);
    }
    if (!announced) {
      const holder = await askHolder(name);
      opts.log?.(`waiting for ${describe(holder)}, which is busy with ${holder?.what ?? 'the same work'}`);
      announced = true;
    }
    await sleep(opts.retryMs ?? 250, undefined, { signal: opts.signal });
  }
}

/** The abstract socket name for a lock path (a leading NUL byte puts it in Linux's abstract namespace). */
function socketName(lockPath: string): string {
  const digest = createHash('sha256').update(path.resolve(lockPath)).digest('hex').slice(0, 40);
  return `\0foresail-lock-${digest}`;
}

interface Holder {
  pid: number;
  what: string;
}

/** Binds the name, or undefined when another process holds it. The holder answers each connection with who it is. */
function tryBind(name: string, what: string): Promise<net.Server | undefined> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined); // a waiter that hung up early
      socket.end(JSON.stringify({ pid: process.pid, what } satisfies Holder));
    });
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') resolve(undefined);
      else reject(new Error(`Cannot take the lock for ${what}: ${err.message}`));
    });
    server.listen({ path: name, exclusive: true }, () => {
      server.unref(); // holding a lock must not keep the process alive on its own
      resolve(server);
    });
  });
}

/** Who holds the lock, as the holder says; undefined if it let go meanwhile or does not answer. */
function askHolder(name: string): Promise<Holder | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const socket = net.connect({ path: name });
    socket.setTimeout(1_000, () => socket.destroy());
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk.slice(0, 4096)));
    socket.on('error', () => resolve(undefined));
    socket.on('close', () => {
      try {
        const value: unknown = JSON.parse(text);
        if (typeof value === 'object' && value !== null && 'pid' in value && 'what' in value && typeof value.pid === 'number' && typeof value.what === 'string') {
          resolve({ pid: value.pid, what: value.what });
          return;
        }
      } catch {
        // not an answer from a holder
      }
      resolve(undefined);
    });
  });
}

function describe(holder: Holder | undefined): string {
  return holder ? `PID ${holder.pid}` : 'another process';
}
