/**
 * The container image's entrypoint (bundled to /app/foresail.mjs by deploy/image/bundle.ts): one
 * process per container, as Kubernetes wants, instead of `foresail start`'s supervisor.
 *
 *   web       Next.js standalone server (/app/server.js) on server.port
 *   worker    graphile-worker engine (lib/runtime/worker-main.ts) + a health server for probes
 *   migrate   apply migrations to DATABASE_URL and exit (the chart's hook Job)
 *   check     validate configuration and exit
 *
 * web and worker also migrate at start (FORESAIL_MIGRATE_ON_START, default on): migrations take a
 * PostgreSQL advisory lock, so N replicas starting at once apply each migration once.
 */
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { loadConfigOrExit, type ForesailConfig } from '../../lib/config';
import { migrateJobQueue } from '../../lib/db/job-queue';
import { applyMigrations } from '../../lib/db/migrate';
import { getLogger } from '../../lib/log';
import { drainKeptAliveConnections } from '../../lib/runtime/drain-connections';

const appDir = path.dirname(process.argv[1] ?? '/app/foresail.mjs');
const log = getLogger().child({ component: 'entrypoint' });

function requireDatabaseUrl(config: ForesailConfig): string {
  if (config.database.url) return config.database.url;
  process.stderr.write('Foresail cannot start.\nDATABASE_URL is not set: the image has no embedded PostgreSQL; point it at a PostgreSQL database.\n');
  process.exit(2);
}

/** Retries the first connection for up to `seconds` (a database that is still starting), then migrates. */
async function migrate(databaseUrl: string, waitSeconds: number): Promise<void> {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`database unreachable for ${waitSeconds}s: ${err instanceof Error ? err.message : String(err)}`);
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'database not reachable yet; retrying');
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  const result = await applyMigrations(databaseUrl, undefined, { alsoUnderLock: () => migrateJobQueue(databaseUrl) });
  log.info({ applied: result.applied, alreadyApplied: result.alreadyApplied }, 'database migrations up to date');
}

const waitSeconds = () => Number(process.env.FORESAIL_MIGRATE_WAIT_SECONDS ?? 120);
const migrateOnStart = () => !/^(false|0|no)$/i.test(process.env.FORESAIL_MIGRATE_ON_START ?? 'true');

/** Liveness and readiness for the worker container, which serves no HTTP otherwise. */
function startWorkerHealth(port: number, databaseUrl: string): void {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  pool.on('error', () => undefined);
  http
    .createServer((req, res) => {
      if (req.url === '/live') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"live":true}');
        return;
      }
      if (req.url === '/ready') {
        pool.query('SELECT 1').then(
          () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ready":true}'),
          () => res.writeHead(503, { 'content-type': 'application/json' }).end('{"ready":false,"database":"unreachable"}'),
        );
        return;
      }
      res.writeHead(404).end();
    })
    .listen(port, '0.0.0.0');
}

/**
 * The standalone server (/app/server.js) in the image; from a checkout (tests, benchmarks), `next
 * start`'s own code on the full production build in the working directory. Both in this process.
 */
async function serveNext(config: ForesailConfig): Promise<void> {
  const standalone = path.join(appDir, 'server.js');
  if (fs.existsSync(standalone)) {
    await import(/* webpackIgnore: true */ pathToFileURL(standalone).href);
    return;
  }
  const projectDir = process.cwd();
  Object.assign(process.env, { NODE_ENV: 'production' });
  // Resolved at run time from the checkout, never bundled.
  const { nextStart } = createRequire(path.join(projectDir, 'package.json'))('next/dist/cli/next-start.js') as {
    nextStart: (options: { port: number; hostname: string; keepAliveTimeout: number }, dir: string) => Promise<void>;
  };
  await nextStart({ port: config.server.port, hostname: config.server.host, keepAliveTimeout: Number(process.env.KEEP_ALIVE_TIMEOUT) }, projectDir);
}

/**
 * Next.js stops accepting on SIGTERM and waits for open requests, but a server-sent events stream
 * never ends by itself: after the grace period the process exits, the streams close, and browsers
 * reconnect (with Last-Event-ID) to another replica. Meanwhile every answer closes its connection
 * (lib/runtime/drain-connections.ts), so a proxy stops sending requests here before the exit.
 */
function exitAfterGrace(): void {
  const graceMs = Number(process.env.FORESAIL_SHUTDOWN_GRACE_MS ?? 10_000);
  const connections = drainKeptAliveConnections();
  process.once('SIGTERM', () => {
    connections.drain();
    setTimeout(() => process.exit(0), graceMs).unref();
  });
}

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'web': {
      const config = loadConfigOrExit();
      const databaseUrl = requireDatabaseUrl(config);
      if (migrateOnStart()) await migrate(databaseUrl, waitSeconds());
      process.env.FORESAIL_PROCESS = 'web';
      process.env.PORT = String(config.server.port);
      process.env.HOSTNAME = config.server.host;
      // next-auth builds OAuth callback URLs from NEXTAUTH_URL (as the supervisor sets it).
      process.env.NEXTAUTH_URL = config.server.baseUrl ?? `http://localhost:${config.server.port}`;
      process.env.NEXT_TELEMETRY_DISABLED = '1';
      // Behind a proxy that keeps upstream connections open: outlive its idle timeout, so it never
      // reuses a connection this server is closing.
      process.env.KEEP_ALIVE_TIMEOUT ??= '65000';
      exitAfterGrace();
      await serveNext(config);
      return;
    }
    case 'worker': {
      const config = loadConfigOrExit();
      const databaseUrl = requireDatabaseUrl(config);
      if (migrateOnStart()) await migrate(databaseUrl, waitSeconds());
      process.env.FORESAIL_PROCESS = 'worker';
      const healthPort = Number(process.env.FORESAIL_WORKER_HEALTH_PORT ?? 0);
      if (healthPort > 0) startWorkerHealth(healthPort, databaseUrl);
      await import('../../lib/runtime/worker-main');
      return;
    }
    case 'migrate': {
      const config = loadConfigOrExit();
      await migrate(requireDatabaseUrl(config), waitSeconds());
      process.exit(0);
      return;
    }
    case 'check':
      loadConfigOrExit();
      process.stdout.write('Configuration is valid.\n');
      process.exit(0);
      return;
    default:
      process.stderr.write('Usage: foresail web | worker | migrate | check\n');
      process.exit(2);
  }
}

main(process.argv[2]).catch((err: unknown) => {
  process.stderr.write(`foresail: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
