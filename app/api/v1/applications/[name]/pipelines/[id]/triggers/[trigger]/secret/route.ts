import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { rotateTriggerSecretRequestSchema } from '@/lib/pipeline/api-schemas';
import { visiblePipeline } from '@/lib/services/pipelines';
import { rotateTriggerSecretFor } from '@/lib/services/trigger-secrets';
import { requestMeta } from '@/lib/request-meta';

/** Sets one trigger's secret (by trigger id, or position for triggers without one); answers the masked pipeline. */
export const POST = apiRoute<{ name: string; id: string; trigger: string }>('/api/v1/applications/[name]/pipelines/[id]/triggers/[trigger]/secret', async ({ req, params }) => {
  const user = await requireUser(req);
  const { application, record } = await visiblePipeline(user, params.name, params.id);
  const body = await readJson(req, rotateTriggerSecretRequestSchema);
  return json(await rotateTriggerSecretFor(requestMeta(req), user, application, record, params.trigger, body.secret, body.expectedVersion));
});
