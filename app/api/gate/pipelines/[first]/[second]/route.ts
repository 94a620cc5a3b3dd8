import { requireUser } from '@/lib/auth/session';
import { findPipelineByName } from '@/lib/db/pipelines';
import { NotFoundError } from '@/lib/errors';
import { apiRoute } from '@/lib/http';
import { deletePipelineFor, visibleApplication } from '@/lib/services/pipelines';

// Gate's /pipelines/{application}/{pipelineName}; the segment names are generic because
// /pipelines/{executionId}/… shares the first level.
type Params = { first: string; second: string };

/** `spin pipeline delete`: by name, case-insensitive. 200 as Gate answers. */
export const DELETE = apiRoute<Params>('/api/gate/pipelines/[application]/[name]', async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.first);
  const name = decodeURIComponent(params.second);
  const record = await findPipelineByName(application.name, name);
  if (!record) throw new NotFoundError(`Pipeline ${name} not found in ${application.name}`);
  await deletePipelineFor(req, user, application, record);
  return new Response(null, { status: 200 });
});
