import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { requestMeta } from '@/lib/request-meta';
import { visibleCanaryAnalysis } from '@/lib/services/canary-analyses';
import { canaryExecutionRequestSchema, canaryExecutionStatus } from '@/lib/services/gate/canaries';
import { startCanaryOfConfig } from '@/lib/services/gate/canary-executions';

type Params = { id: string };

/** Kayenta's CanaryExecutionStatusResponse, which spin polls until `complete`. */
export const GET = apiRoute<Params>('/api/gate/v2/canaries/canary/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  return json(canaryExecutionStatus(await visibleCanaryAnalysis(user, params.id)));
});

/** Kayenta's `POST /canary/{canaryConfigId}`: here the id is a stored config's; answers `{ canaryExecutionId }` as Gate does. */
export const POST = apiRoute<Params>('/api/gate/v2/canaries/canary/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  const body = await readJson(req, canaryExecutionRequestSchema);
  const view = await startCanaryOfConfig(requestMeta(req), user, params.id, body, new URL(req.url).searchParams);
  return json({ canaryExecutionId: view.id });
});
