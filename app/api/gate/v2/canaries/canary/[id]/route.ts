import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { visibleCanaryAnalysis } from '@/lib/services/canary-analyses';
import { canaryExecutionStatus } from '@/lib/services/gate/canaries';

type Params = { id: string };

/** Kayenta's CanaryExecutionStatusResponse, which spin polls until `complete`. */
export const GET = apiRoute<Params>('/api/gate/v2/canaries/canary/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  return json(canaryExecutionStatus(await visibleCanaryAnalysis(user, params.id)));
});
