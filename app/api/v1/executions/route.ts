import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { executionQuerySchema } from '@/lib/pipeline/execution-query';
import { listExecutionsFor } from '@/lib/services/execution-list';

/** Executions of the applications you can see, newest first, cursor-paginated. */
export const GET = apiRoute('/api/v1/executions', async ({ req }) => {
  const user = await requireUser(req);
  const raw = Object.fromEntries([...new URL(req.url).searchParams.entries()].filter(([, v]) => v !== ''));
  return json(await listExecutionsFor(user, executionQuerySchema.parse(raw)));
});
