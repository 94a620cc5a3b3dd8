import { requireUser } from '@/lib/auth/session';
import { apiRoute } from '@/lib/http';
import { executionAction } from '@/lib/services/executions';
import { requestMeta } from '@/lib/request-meta';

export const POST = apiRoute<{ id: string }>('/api/v1/executions/[id]/resume', async ({ req, params }) => {
  const user = await requireUser(req);
  await executionAction(requestMeta(req), user, params.id, 'resume');
  return new Response(null, { status: 204 });
});
