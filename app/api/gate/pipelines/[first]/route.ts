import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { executionAction, visibleExecution } from '@/lib/services/executions';
import { requestMeta } from '@/lib/request-meta';

type Params = { first: string };

/** One execution, fully hydrated (Gate's GET /pipelines/{id}). */
export const GET = apiRoute<Params>('/api/gate/pipelines/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  return json((await visibleExecution(user, params.first)).execution);
});

export const DELETE = apiRoute<Params>('/api/gate/pipelines/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  await executionAction(requestMeta(req), user, params.first, 'delete');
  return new Response(null, { status: 200 });
});
