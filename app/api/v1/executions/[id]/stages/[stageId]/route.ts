import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { visibleStage } from '@/lib/services/executions';

/** One stage in full (context, outputs, tasks): the execution page loads it when the stage is opened. */
export const GET = apiRoute<{ id: string; stageId: string }>('/api/v1/executions/[id]/stages/[stageId]', async ({ req, params }) => {
  const user = await requireUser(req);
  return json(await visibleStage(user, params.id, params.stageId));
});
