import { requireUser } from '@/lib/auth/session';
import { apiRoute, readJson } from '@/lib/http';
import { skipRequestSchema } from '@/lib/pipeline/execution';
import { skipStageFor } from '@/lib/services/executions';
import { requestMeta } from '@/lib/request-meta';

/** Skips a running stage whose type allows it (never a judgment or a canary analysis), with a reason. */
export const POST = apiRoute<{ id: string; stageId: string }>('/api/v1/executions/[id]/stages/[stageId]/skip', async ({ req, params }) => {
  const user = await requireUser(req);
  const { reason } = await readJson(req, skipRequestSchema);
  await skipStageFor(requestMeta(req), user, params.id, params.stageId, reason);
  return new Response(null, { status: 204 });
});
