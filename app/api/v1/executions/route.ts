import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { executionQuerySchema } from '@/lib/pipeline/execution-query';
import { listExecutionRowsFor, listExecutionsFor } from '@/lib/services/execution-list';

/** Executions of the applications you can see, newest first, cursor-paginated; `?view=summary` for slim rows. */
export const GET = apiRoute('/api/v1/executions', async ({ req }) => {
  const user = await requireUser(req);
  const raw = Object.fromEntries([...new URL(req.url).searchParams.entries()].filter(([, v]) => v !== ''));
  const query = executionQuerySchema.parse(raw);
  return json(query.view === 'summary' ? await listExecutionRowsFor(user, query) : await listExecutionsFor(user, query));
});
