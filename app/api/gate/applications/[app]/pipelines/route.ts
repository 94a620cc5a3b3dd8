import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { gateExecutions } from '@/lib/services/gate/executions';
import { visibleApplication } from '@/lib/auth/visible-applications';

/** `spin application pipelines get`: executions of an application, at most `limit` per pipeline, newest first. */
export const GET = apiRoute<{ app: string }>('/api/gate/applications/[app]/pipelines', async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.app);
  return json(await gateExecutions(user, [application.name], new URL(req.url), { perPipeline: true, defaultLimit: 10 }));
});
