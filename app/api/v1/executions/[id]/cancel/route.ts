import { requireUser } from '@/lib/auth/session';
import { apiRoute, readJson } from '@/lib/http';
import { cancelRequestSchema } from '@/lib/pipeline/execution';
import { executionAction } from '@/lib/services/executions';
import { requestMeta } from '@/lib/request-meta';

/** Cancels with an optional reason; running stages' cancel routines clean up. */
export const POST = apiRoute<{ id: string }>('/api/v1/executions/[id]/cancel', async ({ req, params }) => {
  const user = await requireUser(req);
  const { reason } = req.headers.get('content-length') === '0' || !req.body ? { reason: undefined } : await readJson(req, cancelRequestSchema);
  await executionAction(requestMeta(req), user, params.id, 'cancel', reason);
  return new Response(null, { status: 204 });
});
