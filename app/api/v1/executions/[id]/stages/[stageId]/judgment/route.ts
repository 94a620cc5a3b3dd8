import { requireUser } from '@/lib/auth/session';
import { apiRoute, readJson } from '@/lib/http';
import { judgmentRequestSchema } from '@/lib/pipeline/execution';
import { judge } from '@/lib/services/executions';
import { requestMeta } from '@/lib/request-meta';

/** Continue or stop a manual judgment; 409 if it was already judged, 403 without the stage's roles. */
export const POST = apiRoute<{ id: string; stageId: string }>('/api/v1/executions/[id]/stages/[stageId]/judgment', async ({ req, params }) => {
  const user = await requireUser(req);
  const body = await readJson(req, judgmentRequestSchema);
  await judge(requestMeta(req), user, params.id, params.stageId, body.judgment, body.input);
  return new Response(null, { status: 204 });
});
