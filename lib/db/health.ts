import 'server-only';
import { getDb } from './client';
import { pendingMigrations } from './migrate';

export interface ReadinessChecks {
  database: { ok: boolean; message?: string };
  migrations: { ok: boolean; pending: string[] };
  worker: { ok: boolean; lastSeenSecondsAgo: number | null; workers: number };
}

const unreachable: ReadinessChecks = {
  database: { ok: false, message: 'database unreachable' },
  migrations: { ok: false, pending: [] },
  worker: { ok: false, lastSeenSecondsAgo: null, workers: 0 },
};

/**
 * Readiness as /api/health reports it: database reachable, migrations applied, a worker heard from
 * recently. A query failing anywhere here means the database went away (it may be restarting): that
 * is a 503 answer, never an error.
 */
export async function checkReadiness(workerStaleAfterSeconds: number): Promise<ReadinessChecks> {
  const db = getDb();
  try {
    await db.$queryRaw`SELECT 1`;
    const pending = await pendingMigrations((sql) => db.$queryRawUnsafe<{ migration_name: string }[]>(sql));
    const workers = await db.workerHeartbeat.findMany({ select: { lastSeenAt: true } });
    const now = Date.now();
    const ages = workers.map((w) => (now - w.lastSeenAt.getTime()) / 1000);
    const freshest = ages.length > 0 ? Math.min(...ages) : null;
    const alive = ages.filter((age) => age <= workerStaleAfterSeconds).length;
    return {
      database: { ok: true },
      migrations: { ok: pending.length === 0, pending },
      worker: { ok: alive > 0, lastSeenSecondsAgo: freshest === null ? null : Math.round(freshest), workers: alive },
    };
  } catch {
    return structuredClone(unreachable);
  }
}
