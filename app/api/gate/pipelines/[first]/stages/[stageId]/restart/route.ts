import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { stageAction, visibleExecution } from '@/lib/services/executions';
import { requestMeta } from '@/lib/request-meta';

export const PUT = apiRoute<{ first: string; stageId: string }>('/api/gate/pipelines/[id]/stages/[stageId]/restart', async ({ req, params }) => {
  const user = await requireUser(req);
  await stageAction(requestMeta(req), user, params.first, params.stageId, 'restart');
  return json((await visibleExecution(user, params.first)).execution);
});
