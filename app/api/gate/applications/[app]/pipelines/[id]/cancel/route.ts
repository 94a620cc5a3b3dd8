import { requireUser } from '@/lib/auth/session';
import { apiRoute } from '@/lib/http';
import { executionAction } from '@/lib/services/executions';
import { requestMeta } from '@/lib/request-meta';

/**
 * `spin application pipelines cancel`: spin never fills in {application}, so the path literally
 * holds "%7Bapplication%7D" there; the execution id alone decides.
 */
export const PUT = apiRoute<{ app: string; id: string }>('/api/gate/applications/[app]/pipelines/[id]/cancel', async ({ req, params }) => {
  const user = await requireUser(req);
  await executionAction(requestMeta(req), user, params.id, 'cancel', new URL(req.url).searchParams.get('reason') ?? undefined);
  return new Response(null, { status: 200 });
});
