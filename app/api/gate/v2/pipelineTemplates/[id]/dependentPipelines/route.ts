import { requireUser } from '@/lib/auth/session';
import { apiRoute, decodeSegment, json } from '@/lib/http';
import { dependentPipelinesFor } from '@/lib/services/pipeline-templates';

/** Pipelines made from this template (any tag or digest) that you may read, as Front50 lists them. */
export const GET = apiRoute<{ id: string }>('/api/gate/v2/pipelineTemplates/[id]/dependentPipelines', async ({ req, params }) => {
  const user = await requireUser(req);
  return json(await dependentPipelinesFor(user, decodeSegment(params.id)));
});
