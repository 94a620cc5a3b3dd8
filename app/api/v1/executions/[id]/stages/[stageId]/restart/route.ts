import { requireUser } from '@/lib/auth/session';
import { apiRoute } from '@/lib/http';
import { stageAction } from '@/lib/services/executions';
import { requestMeta } from '@/lib/request-meta';

export const POST = apiRoute<{ id: string; stageId: string }>('/api/v1/executions/[id]/stages/[stageId]/restart', async ({ req, params }) => {
  const user = await requireUser(req);
  await stageAction(requestMeta(req), user, params.id, params.stageId, 'restart');
  return new Response(null, { status: 204 });
});
