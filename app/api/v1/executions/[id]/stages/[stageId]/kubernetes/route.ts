import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { stageKubernetes } from '@/lib/services/kubernetes-views';

/** Live status and recent events of the objects a Kubernetes stage touched: READ on the application and on the account. */
export const GET = apiRoute<{ id: string; stageId: string }>('/api/v1/executions/[id]/stages/[stageId]/kubernetes', async ({ req, params }) => {
  const user = await requireUser(req);
  return json(await stageKubernetes(user, params.id, params.stageId, req.signal));
});
