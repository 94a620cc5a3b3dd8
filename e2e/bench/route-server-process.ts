/**
 * Starting the benchmarks' route server (route-server.ts) as a process of its own, pinned to core 1
 * where `taskset` and two cores allow, so that load generators can be pinned to core 0.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { waitForExit } from '../../lib/runtime/processes';

const here = import.meta.dirname;
const root = path.resolve(here, '..', '..');

/**
 * `taskset -c <core>` before the command when the machine has two cores and taskset exists, unless
 * FORESAIL_BENCH_PIN=off: on a machine where other work is pinned to the same cores, a pinned
 * process cannot move to the less busy one.
 */
export function pinned(core: number): string[] {
  if (process.env.FORESAIL_BENCH_PIN === 'off') return [];
  return os.cpus().length >= 2 && spawnSync('taskset', ['--version']).status === 0 ? ['taskset', '-c', String(core)] : [];
}

export interface RouteServer {
  origin: string;
  pid: number;
  /** Sends a command (`profile start`, `profile stop <file>`, `gc`) and waits for its `ok`. */
  command(line: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startRouteServer(): Promise<RouteServer> {
  const argv = [...pinned(1), process.execPath, '--conditions=react-server', '--import', 'tsx', path.join(here, 'route-server.ts')];
  const child: ChildProcess = spawn(argv[0] ?? process.execPath, argv.slice(1), { cwd: root, env: process.env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout ?? process.stdin });
  const waiting: ((line: string) => void)[] = [];
  const early: string[] = [];
  lines.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else early.push(line);
  });
  const nextLine = () => new Promise<string>((resolve, reject) => {
    const ready = early.shift();
    if (ready !== undefined) return resolve(ready);
    const timer = setTimeout(() => reject(new Error('the route server did not answer within 120 s')), 120_000);
    waiting.push((line) => { clearTimeout(timer); resolve(line); });
  });
  const first = await nextLine();
  const port = /^listening (\d+)$/.exec(first)?.[1];
  if (!port) throw new Error(`the route server said "${first}" instead of its port`);
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    async command(line) {
      child.stdin?.write(`${line}\n`);
      const answer = await nextLine();
      if (answer !== 'ok') throw new Error(`the route server answered "${answer}" to "${line}"`);
    },
    async stop() {
      child.kill('SIGTERM');
      await waitForExit(child, 15_000);
    },
  };
}
