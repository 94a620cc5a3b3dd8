import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitForExit } from '../../lib/runtime/processes';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Real worker processes (lib/runtime/worker-main.ts), as the supervisor would run them. */
export interface WorkerFleet {
  pids(): number[];
  /** SIGKILL one worker (no goodbye, no heartbeat removal) and start a replacement. */
  killOne(index: number): Promise<number>;
  stop(): Promise<void>;
}

/** Node arguments of one worker: the source through tsx, unless told otherwise (the image's bundled entrypoint). */
const workerFromSource = ['--conditions=react-server', '--import', 'tsx', 'lib/runtime/worker-main.ts'];

export function startWorkers(count: number, env: Record<string, string>, logFile: string, nodeArgs: readonly string[] = workerFromSource): WorkerFleet {
  const out = fs.openSync(logFile, 'a');
  const launch = (): ChildProcess =>
    spawn(process.execPath, [...nodeArgs], { cwd: root, env: { ...process.env, ...env, FORESAIL_PROCESS: 'worker' }, stdio: ['ignore', out, out] });
  const workers = Array.from({ length: count }, launch);
  return {
    pids: () => workers.map((w) => w.pid ?? -1),
    async killOne(index) {
      const victim = workers[index % workers.length];
      if (!victim) return -1;
      victim.kill('SIGKILL');
      await waitForExit(victim, 5000);
      workers[index % workers.length] = launch();
      return victim.pid ?? -1;
    },
    async stop() {
      await Promise.all(
        workers.map(async (w) => {
          w.kill('SIGTERM');
          if (!(await waitForExit(w, 10_000))) w.kill('SIGKILL');
        }),
      );
      fs.closeSync(out);
    },
  };
}
