import { requireUser } from '@/lib/auth/session';
import { apiRoute } from '@/lib/http';
import { executionAction } from '@/lib/services/executions';

export const POST = apiRoute<{ id: string }>('/api/v1/executions/[id]/resume', async ({ req, params }) => {
  const user = await requireUser(req);
  await executionAction(req, user, params.id, 'resume');
  return new Response(null, { status: 204 });
});
