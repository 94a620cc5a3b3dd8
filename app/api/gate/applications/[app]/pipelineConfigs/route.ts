import { requireUser } from '@/lib/auth/session';
import { listPipelines } from '@/lib/db/pipelines';
import { apiRoute, json } from '@/lib/http';
import { viewOf } from '@/lib/services/pipelines';
import { visibleApplication } from '@/lib/auth/visible-applications';

export const GET = apiRoute<{ app: string }>('/api/gate/applications/[app]/pipelineConfigs', async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.app);
  const filter = new URL(req.url).searchParams.get('pipelineNameFilter')?.toLowerCase();
  const configs = (await listPipelines(application.name)).filter((p) => !filter || p.name.toLowerCase().includes(filter));
  return json(configs.map((record) => viewOf(record).pipeline));
});
