import { apiRoute } from '@/lib/http';
import { getMetrics } from '@/lib/metrics';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('/api/metrics', async () => {
  const { registry } = getMetrics();
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
});
