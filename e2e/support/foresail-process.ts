import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, makeTempDir, tailFile, waitForExit } from '../../lib/runtime/processes';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface ForesailProcess {
  url: string;
  port: number;
  dataDir: string;
  logFile: string;
  /** Milliseconds from spawn to a 200 from /api/health on the last start. */
  startupMs: number;
  pids(): number[];
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  dataDir?: string;
  /** Keep the data folder after stop (default: delete it). */
  keepData?: boolean;
  port?: number;
  /** `start` (default) or `demo` (seeds demo data, demo sign-in). */
  command?: 'start' | 'demo';
  /** server.baseUrl; default the URL below; null leaves it unset, as `npm run demo` does. */
  baseUrl?: string | null;
}

/**
 * Runs the real `foresail start` (production build, embedded PostgreSQL, worker) on a free port
 * with its own data folder, as a user would, and waits until /api/health says ready.
 */
export async function startForesail(options: StartOptions = {}): Promise<ForesailProcess> {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('No production build: run `npm run build` before the e2e tests');
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? makeTempDir('foresail-e2e-');
  const logFile = path.join(dataDir, 'foresail.log');
  let child: ChildProcess | undefined;
  const url = `http://127.0.0.1:${port}`;

  const handle: ForesailProcess = {
    url,
    port,
    dataDir,
    logFile,
    startupMs: 0,
    pids: () => (child?.pid ? [child.pid] : []),
    async restart() {
      await stopChild();
      await launch();
    },
    async stop() {
      await stopChild();
      if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };

  async function launch(): Promise<void> {
    const out = fs.openSync(logFile, 'a');
    const started = Date.now();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), FORESAIL_HOST: '127.0.0.1', FORESAIL_BASE_URL: options.baseUrl ?? url, FORESAIL_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    if (options.baseUrl === null) delete env.FORESAIL_BASE_URL;
    delete env.DATABASE_URL;
    delete env.FORESAIL_CONFIG;
    // What `npm start` / `npm run demo` run (the compiled supervisor), without npm in between.
    const launched = spawn(process.execPath, ['lib/runtime/launch.mjs', options.command ?? 'start'], {
      cwd: root,
      env: { ...env, ...options.env },
      stdio: ['ignore', out, out],
    });
    child = launched;
    fs.closeSync(out);
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (launched.exitCode !== null) throw new Error(`Foresail exited during start-up (code ${launched.exitCode}):\n${tailFile(logFile, 30)}`);
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.status === 200) {
          handle.startupMs = Date.now() - started;
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`Foresail did not become healthy within 90 s:\n${tailFile(logFile, 30)}`);
  }

  async function stopChild(): Promise<void> {
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 30_000))) child.kill('SIGKILL');
  }

  try {
    await launch();
  } catch (err) {
    // A server that never became healthy must not outlive the test that started it.
    await handle.stop();
    throw err;
  }
  return handle;
}
