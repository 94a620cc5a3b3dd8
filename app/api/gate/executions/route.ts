import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { visibleApplicationNames } from '@/lib/services/executions';
import { gateExecutions } from '@/lib/services/gate/executions';

/** `spin pipeline execution list/get`: by pipelineConfigIds or executionIds, filtered by statuses. */
export const GET = apiRoute('/api/gate/executions', async ({ req }) => {
  const user = await requireUser(req);
  return json(await gateExecutions(user, await visibleApplicationNames(user), new URL(req.url), { perPipeline: false, defaultLimit: 25 }));
});
