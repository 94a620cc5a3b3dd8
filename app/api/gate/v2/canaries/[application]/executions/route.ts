import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { listCanaryExecutions } from '@/lib/services/gate/canary-executions';

type Params = { application: string };

/** Gate's list of an application's canary results (`limit`, `page`, `statuses`), as Deck's canary reports read it. */
export const GET = apiRoute<Params>('/api/gate/v2/canaries/[application]/executions', async ({ req, params }) => {
  const user = await requireUser(req);
  return json(await listCanaryExecutions(user, params.application, new URL(req.url).searchParams));
});
