import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { executionViewQuerySchema } from '@/lib/pipeline/execution';
import { executionAction, visibleExecution, visibleExecutionSummary } from '@/lib/services/executions';
import { requestMeta } from '@/lib/request-meta';

type Params = { id: string };

/** The execution with every stage in full, or with `?view=summary` their summaries only (the execution page's live copy). */
export const GET = apiRoute<Params>('/api/v1/executions/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  const { view } = executionViewQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json((await (view === 'summary' ? visibleExecutionSummary : visibleExecution)(user, params.id)).execution);
});

/** Deletes a finished execution (EXECUTE). */
export const DELETE = apiRoute<Params>('/api/v1/executions/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  await executionAction(requestMeta(req), user, params.id, 'delete');
  return new Response(null, { status: 204 });
});
