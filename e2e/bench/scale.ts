/**
 * Scale-out: requests/s of the executions list (GET /api/v1/executions, first pages) through nginx
 * with TLS, with 1 and then 3 web replicas (the image's entrypoint on the production build) on one
 * embedded PostgreSQL holding 20,000 executions, 32 concurrent clients for 20 s each. On this
 * 2-core machine the replicas share the same two cores with PostgreSQL, nginx and the clients, so the
 * ratio shows what replicas buy when CPU is the limit (on separate nodes it is closer to linear).
 */
import fs from 'node:fs';
import pg from 'pg';
import { Agent, fetch } from 'undici';
import { createApplication } from '../../lib/db/applications';
import { disconnectDb } from '../../lib/db/client';
import { insertPipeline } from '../../lib/db/pipelines';
import { closePool } from '../../lib/db/pool';
import { reloadConfig } from '../../lib/env';
import { getLogger } from '../../lib/log';
import { startEmbeddedPostgres } from '../../lib/runtime/embedded-postgres';
import { makeTempDir } from '../../lib/runtime/processes';
import { httpsAgent } from '../reliability/scale-out-load';
import { startScaleOut } from '../reliability/scale-out-world';
import { sessionCookie } from '../runner/session-cookies';
import { seedExecutions } from './executions-seed';
import type { Bench, BenchRow } from './types';

const EXECUTIONS = 20_000;
const CLIENTS = 32;
const SECONDS = 20;
const SECRET = 'bench-session-secret-0123456789-abcdef-xyz';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/** Closed loop: CLIENTS callers, each sending its next request when the last one answered. */
async function measure(url: string, cookie: string, agent: Agent): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await fetch(url, { headers: { cookie }, dispatcher: agent }).catch(() => undefined);
        await res?.arrayBuffer();
        if (res?.status === 200) latencies.push(performance.now() - t0);
        else errors += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / ((performance.now() - started) / 1000), p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), errors };
}

export const scaleBench: Bench = {
  id: 'scale',
  title: 'Scale-out: executions list through nginx (TLS), 1 vs 3 web replicas on one PostgreSQL',
  async run(): Promise<BenchRow[]> {
    const savedUrl = process.env.DATABASE_URL;
    const postgres = await startEmbeddedPostgres({ dataDir: makeTempDir('foresail-bench-scale-'), log: getLogger().child({ component: 'bench' }), ephemeral: true, database: 'bench' });
    const databaseUrl = postgres.url;
    const rows: BenchRow[] = [];
    try {
      const config = () => ({
        auth: {
          sessionSecret: SECRET,
          github: { clientId: 'bench', clientSecret: 'bench' },
          // Never contacted: the session's groups are fresh for the whole run.
          ldap: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=bench', bindPassword: 'bench', userBase: 'ou=people,dc=bench', refreshSeconds: 3600 },
        },
        worker: { heartbeatSeconds: 2 },
      });
      const cookie = `__Secure-next-auth.session-token=${await sessionCookie({ login: 'dana', groups: ['developers'], secret: SECRET, maxAge: 3600 })}`;
      let seeded = false;
      const results: Record<number, Awaited<ReturnType<typeof measure>>> = {};
      for (const replicas of [1, 3]) {
        const dir = makeTempDir(`foresail-bench-scale-${replicas}-`);
        const world = await startScaleOut({ dir, databaseUrl, webReplicas: replicas, workers: 1, logLevel: 'silent', config });
        try {
          if (!seeded) {
            process.env.DATABASE_URL = databaseUrl;
            reloadConfig();
            await createApplication({ name: 'bench', ownerEmail: 'b@example.com', description: '', permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['developers'] } });
            const pipelines = [0, 1, 2, 3].map((i) => ({ id: `bench-deploy-${i}`, name: `Deploy ${i}` }));
            for (const p of pipelines) await insertPipeline({ id: p.id, application: 'bench', name: p.name, config: { id: p.id, name: p.name, application: 'bench', stages: [] }, disabled: false, locked: false, by: 'bench', action: 'create' });
            const pool = new pg.Pool({ connectionString: databaseUrl });
            await seedExecutions(pool, { application: 'bench', pipelines, count: EXECUTIONS });
            await pool.end();
            seeded = true;
          }
          const agent = httpsAgent(world.tls.caCert);
          const url = `${world.nginx.url}/api/v1/executions?application=bench&limit=50`;
          await measure(url, cookie, agent); // warm-up: route compiled, pools filled
          results[replicas] = await measure(url, cookie, agent);
          await agent.close();
        } finally {
          await world.stop();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
      for (const replicas of [1, 3]) {
        const r = results[replicas];
        if (!r) continue;
        rows.push({ metric: `${replicas} web replica${replicas > 1 ? 's' : ''}: requests/s`, value: r.rps.toFixed(0), note: `p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, ${r.errors} errors, ${CLIENTS} clients, ${EXECUTIONS} executions` });
      }
      const one = results[1]?.rps ?? 0;
      const three = results[3]?.rps ?? 0;
      if (one > 0) rows.push({ metric: '3 vs 1 replicas', value: `${(three / one).toFixed(2)}×`, note: '2 cores shared by replicas, PostgreSQL, nginx and clients' });
      return rows;
    } finally {
      await disconnectDb();
      await closePool();
      await postgres.stop();
      if (savedUrl === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = savedUrl;
      reloadConfig();
    }
  },
};
