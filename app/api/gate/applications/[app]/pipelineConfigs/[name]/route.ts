import { requireUser } from '@/lib/auth/session';
import { findPipelineByName } from '@/lib/db/pipelines';
import { NotFoundError } from '@/lib/errors';
import { apiRoute, decodeSegment, json } from '@/lib/http';
import { viewOf, visibleApplication } from '@/lib/services/pipelines';

/** `spin pipeline get`: the config by name (case-insensitive, dots and spaces allowed). */
export const GET = apiRoute<{ app: string; name: string }>('/api/gate/applications/[app]/pipelineConfigs/[name]', async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.app);
  const name = decodeSegment(params.name);
  const record = await findPipelineByName(application.name, name);
  if (!record) throw new NotFoundError(`Pipeline ${name} not found in ${application.name}`);
  return json(viewOf(record).pipeline);
});
