import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../log';
import { waitForExit } from './processes';

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** A promise while something it needs is down (the database restarting): restart after it, with no back-off. */
  dependencyOutage?: () => Promise<void> | undefined;
}

export interface ManagedProcess {
  name: string;
  pid(): number | undefined;
  /** SIGTERM to its process group, SIGKILL after `graceMs`; no restart afterwards. */
  stop(graceMs?: number): Promise<void>;
}

// A process that ran this long before exiting is restarted at once; a crash loop backs off.
const stableAfterMs = 60_000;

/**
 * A web or worker process the supervisor keeps running. Each runs in its own process group, so the
 * supervisor decides the shutdown order (a Ctrl-C reaches only the supervisor) and stopping it also
 * stops anything it started (`next dev` forks a server).
 */
export function startManagedProcess(options: ManagedProcessOptions): ManagedProcess {
  const { log, name } = options;
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  let startedAt = 0;

  const launch = () => {
    startedAt = Date.now();
    const launched = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    child = launched;
    log.info({ process: name, processPid: launched.pid }, 'process started');
    launched.on('error', (err) => log.error({ process: name, err: err.message }, 'could not start process'));
    launched.on('exit', (code, signal) => {
      if (stopping) return;
      const outage = options.dependencyOutage?.();
      if (outage) {
        log.warn({ process: name, code, signal }, 'process exited while the database was restarting; starting it again once the database is back');
        void outage.then(() => {
          if (!stopping) launch();
        });
        return;
      }
      if (Date.now() - startedAt > stableAfterMs) restarts = 0;
      const delay = Math.min(30_000, 500 * 2 ** restarts);
      restarts += 1;
      log.error({ process: name, code, signal, restartInMs: delay }, 'process exited unexpectedly; restarting');
      setTimeout(() => {
        if (!stopping) launch();
      }, delay);
    });
  };
  launch();

  const signalGroup = (target: ChildProcess, signal: NodeJS.Signals) => {
    if (!target.pid) return; // never kill(-0): that is our own group
    try {
      process.kill(-target.pid, signal);
    } catch {
      // already gone
    }
  };

  return {
    name,
    pid: () => child?.pid,
    async stop(graceMs = 15_000) {
      stopping = true;
      const target = child;
      if (!target || target.exitCode !== null || target.signalCode !== null) return;
      signalGroup(target, 'SIGTERM');
      if (!(await waitForExit(target, graceMs))) {
        log.warn({ process: name, graceMs }, 'did not stop in time; killing');
        signalGroup(target, 'SIGKILL');
        await waitForExit(target, 5_000);
      }
    },
  };
}
