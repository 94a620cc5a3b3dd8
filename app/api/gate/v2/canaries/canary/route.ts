import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { runRetrospectiveAnalysis } from '@/lib/services/canary-analyses';
import { adhocExecutionRequestSchema, retrospectiveFromAdhoc } from '@/lib/services/gate/canaries';
import { requestMeta } from '@/lib/request-meta';

/**
 * Kayenta's adhoc canary execution (`spin canary canary-config retro`): judged at once, so the
 * `canaryExecutionId` answered is already complete when spin polls it. 200, as Gate answers.
 */
export const POST = apiRoute('/api/gate/v2/canaries/canary', async ({ req }) => {
  const user = await requireUser(req);
  const body = await readJson(req, adhocExecutionRequestSchema);
  const view = await runRetrospectiveAnalysis(requestMeta(req), user, retrospectiveFromAdhoc(body, new URL(req.url).searchParams));
  return json({ canaryExecutionId: view.id });
});
