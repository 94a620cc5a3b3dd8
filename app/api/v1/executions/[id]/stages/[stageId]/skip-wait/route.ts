import { requireUser } from '@/lib/auth/session';
import { apiRoute } from '@/lib/http';
import { stageAction } from '@/lib/services/executions';

export const POST = apiRoute<{ id: string; stageId: string }>('/api/v1/executions/[id]/stages/[stageId]/skip-wait', async ({ req, params }) => {
  const user = await requireUser(req);
  await stageAction(req, user, params.id, params.stageId, 'skip-wait');
  return new Response(null, { status: 204 });
});
