import { requireUser } from '@/lib/auth/session';
import { apiRoute } from '@/lib/http';
import { executionAction } from '@/lib/services/executions';
import { requestMeta } from '@/lib/request-meta';

/** Gate's PUT /pipelines/{id}/cancel (200). */
export const PUT = apiRoute<{ first: string }>('/api/gate/pipelines/[id]/cancel', async ({ req, params }) => {
  const user = await requireUser(req);
  await executionAction(requestMeta(req), user, params.first, 'cancel', new URL(req.url).searchParams.get('reason') ?? undefined);
  return new Response(null, { status: 200 });
});
