import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { freePort, tailFile, waitForExit } from '../../lib/runtime/processes';
import { startNginx, type Nginx } from './scale-out-nginx';
import { makeTlsFiles, type TlsFiles } from './scale-out-tls';
import { startWorkers, type WorkerFleet } from './workers';

const root = path.resolve(import.meta.dirname, '..', '..');

/** One web replica: the image's entrypoint (`web`) on the production build, on its own port. */
export interface WebReplica {
  index: number;
  port: number;
  url: string;
  logFile: string;
  pid(): number | undefined;
  start(): Promise<void>;
  /** SIGTERM, wait for exit (the replica drains), as a rolling restart does. */
  stop(): Promise<void>;
  /** SIGKILL: no goodbye. */
  kill(): Promise<void>;
  waitHealthy(timeoutMs?: number): Promise<void>;
}

export interface ScaleOutWorld {
  dir: string;
  tls: TlsFiles;
  nginx: Nginx;
  webs: WebReplica[];
  workers: WorkerFleet | undefined;
  configFile: string;
  stop(): Promise<void>;
}

export interface ScaleOutOptions {
  dir: string;
  databaseUrl: string;
  webReplicas: number;
  workers: number;
  /** foresail.yaml keys besides server.baseUrl (auth, worker, …). */
  config: (baseUrl: string) => Record<string, unknown>;
  logLevel?: string;
}

/** Bundles deploy/image/entrypoint.ts as the image does (deploy/image/bundle.ts). */
export async function bundleEntrypoint(outfile: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'deploy', 'image', 'bundle.ts'), outfile], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`bundling the entrypoint failed:\n${stderr}`);
}

function webReplica(index: number, port: number, bundle: string, env: NodeJS.ProcessEnv, logFile: string): WebReplica {
  let child: ChildProcess | undefined;
  const url = `http://127.0.0.1:${port}`;
  const replica: WebReplica = {
    index,
    port,
    url,
    logFile,
    pid: () => child?.pid,
    async start() {
      const out = fs.openSync(logFile, 'a');
      child = spawn(process.execPath, [bundle, 'web'], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ['ignore', out, out] });
      fs.closeSync(out);
    },
    async stop() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 30_000))) child.kill('SIGKILL');
    },
    async kill() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    },
    async waitHealthy(timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child && child.exitCode !== null) throw new Error(`web replica ${index} exited (code ${child.exitCode}):\n${tailFile(logFile, 30)}`);
        const status = await fetch(`${url}/api/health`).then((r) => r.status, () => 0);
        if (status === 200) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`web replica ${index} not healthy within ${timeoutMs} ms:\n${tailFile(logFile, 30)}`);
    },
  };
  return replica;
}

/**
 * N web replicas + M workers on one PostgreSQL, behind nginx terminating TLS: Foresail scaled out as
 * the chart runs it, as plain processes on this machine. Web replicas start at the same moment (each
 * migrates at start under the advisory lock); workers start once the schema is there.
 */
export async function startScaleOut(options: ScaleOutOptions): Promise<ScaleOutWorld> {
  const { dir } = options;
  fs.mkdirSync(dir, { recursive: true });
  const bundle = path.join(dir, 'foresail.mjs');
  const [tls] = await Promise.all([makeTlsFiles(path.join(dir, 'tls')), bundleEntrypoint(bundle)]);
  const nginxPort = await freePort();
  const baseUrl = `https://localhost:${nginxPort}`;
  const configFile = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(configFile, stringify({ ...options.config(baseUrl), server: { baseUrl, host: '127.0.0.1' } }));
  const env: NodeJS.ProcessEnv = { ...process.env, FORESAIL_CONFIG: configFile, DATABASE_URL: options.databaseUrl, LOG_LEVEL: options.logLevel ?? 'info', FORESAIL_SHUTDOWN_GRACE_MS: '3000', NEXT_TELEMETRY_DISABLED: '1' };
  delete env.NODE_OPTIONS;
  const ports = await Promise.all(Array.from({ length: options.webReplicas }, () => freePort()));
  const webs = ports.map((port, i) => webReplica(i, port, bundle, env, path.join(dir, `web-${i}.log`)));
  await Promise.all(webs.map((w) => w.start()));
  // Listening means migrated: the entrypoint migrates before it serves.
  await Promise.all(webs.map(async (w) => {
    const deadline = Date.now() + 180_000;
    while ((await fetch(`${w.url}/api/health/live`).then((r) => r.status, () => 0)) !== 200) {
      if (Date.now() > deadline) throw new Error(`web replica ${w.index} did not start:\n${tailFile(w.logFile, 30)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }));
  // The image's `worker` command on the same bundle, as the chart's worker Deployment runs it.
  const workersLog = path.join(dir, 'workers.log');
  const workers = options.workers > 0 ? startWorkers(options.workers, { FORESAIL_CONFIG: configFile, DATABASE_URL: options.databaseUrl, LOG_LEVEL: 'warn' }, workersLog, [bundle, 'worker']) : undefined;
  // Ready needs a worker heartbeat: when none comes, the workers' log says why.
  await Promise.all(webs.map((w) => w.waitHealthy())).catch((err: unknown) => {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\nworkers' log:\n${tailFile(workersLog, 30)}`);
  });
  const nginx = await startNginx({ dir: path.join(dir, 'nginx'), port: nginxPort, upstreams: ports, tls });
  return {
    dir,
    tls,
    nginx,
    webs,
    workers,
    configFile,
    async stop() {
      await nginx.stop();
      await Promise.all(webs.map((w) => w.stop()));
      await workers?.stop();
    },
  };
}
