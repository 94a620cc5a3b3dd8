import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { triggerRequestSchema } from '@/lib/pipeline/execution';
import { triggerPipeline } from '@/lib/services/executions';
import { visiblePipeline } from '@/lib/services/pipelines';
import { requestMeta } from '@/lib/request-meta';

/** Starts a pipeline by hand: 202 with the execution id (`queued` when a concurrency limit makes it wait). */
export const POST = apiRoute<{ name: string; id: string }>('/api/v1/applications/[name]/pipelines/[id]/executions', async ({ req, params }) => {
  const user = await requireUser(req);
  const { application, record } = await visiblePipeline(user, params.name, params.id);
  const input = await readJson(req, triggerRequestSchema);
  const outcome = await triggerPipeline(requestMeta(req), user, application, record, input);
  return json({ id: outcome.executionId, status: outcome.kind }, { status: 202, headers: { location: `/api/v1/executions/${outcome.executionId}` } });
});
