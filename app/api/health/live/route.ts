import { apiRoute, json } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * Liveness: answers as long as the process serves HTTP, whatever the database says — so an outage
 * of PostgreSQL makes replicas unready (/api/health 503), never restarted by their liveness probe.
 */
export const GET = apiRoute('/api/health/live', async () => json({ live: true }));
