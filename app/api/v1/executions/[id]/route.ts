import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { executionAction, visibleExecution } from '@/lib/services/executions';
import { requestMeta } from '@/lib/request-meta';

type Params = { id: string };

export const GET = apiRoute<Params>('/api/v1/executions/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  return json((await visibleExecution(user, params.id)).execution);
});

/** Deletes a finished execution (EXECUTE). */
export const DELETE = apiRoute<Params>('/api/v1/executions/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  await executionAction(requestMeta(req), user, params.id, 'delete');
  return new Response(null, { status: 204 });
});
