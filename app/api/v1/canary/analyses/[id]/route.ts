import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { visibleCanaryAnalysis } from '@/lib/services/canary-analyses';

type Params = { id: string };

/** One analysis with its judge result, windows, queries and series (404 when missing or not visible). */
export const GET = apiRoute<Params>('/api/v1/canary/analyses/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  return json(await visibleCanaryAnalysis(user, params.id));
});
