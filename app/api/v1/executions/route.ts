import { requireUser } from '@/lib/auth/session';
import { listExecutionSummaries } from '@/lib/db/executions';
import { apiRoute, json } from '@/lib/http';
import { executionQuerySchema } from '@/lib/pipeline/execution-query';
import { visibleApplicationNames } from '@/lib/services/executions';

/** Executions of the applications you can see, newest first, cursor-paginated. */
export const GET = apiRoute('/api/v1/executions', async ({ req }) => {
  const user = await requireUser(req);
  const raw = Object.fromEntries([...new URL(req.url).searchParams.entries()].filter(([, v]) => v !== ''));
  const query = executionQuerySchema.parse(raw);
  const visible = await visibleApplicationNames(user);
  const applications = query.application ? visible.filter((a) => a === query.application) : visible;
  const page = await listExecutionSummaries({ applications, pipelineIds: query.pipeline, statuses: query.statuses, from: query.from, to: query.to, before: query.cursor, limit: query.limit });
  return json(page);
});
