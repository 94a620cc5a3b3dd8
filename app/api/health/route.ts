import { checkReadiness } from '@/lib/db/health';
import { getConfig } from '@/lib/env';
import { apiRoute, json } from '@/lib/http';
import { readInstance } from '@/lib/runtime/instance-lock';

export const dynamic = 'force-dynamic';

/** Liveness is implied by any answer; readiness (200 vs 503) needs the database, migrations and a live worker. */
export const GET = apiRoute('/api/health', async () => {
  const { worker, dataDir } = getConfig();
  const checks = await checkReadiness(worker.heartbeatSeconds * 3);
  // The supervisor records when it is restarting the embedded database after a crash.
  if (!checks.database.ok && readInstance(dataDir)?.database === 'restarting') checks.database.message = 'database restarting';
  const requireWorker = worker.processes > 0;
  const ready = checks.database.ok && checks.migrations.ok && (checks.worker.ok || !requireWorker);
  return json({ status: ready ? 'ok' : 'unavailable', live: true, ready, checks }, { status: ready ? 200 : 503 });
});
