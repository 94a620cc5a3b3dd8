import { requireUser } from '@/lib/auth/session';
import { metricPreviewRequestSchema } from '@/lib/canary/analysis/request';
import { apiRoute, json, readJson } from '@/lib/http';
import { previewMetric } from '@/lib/services/canary-preview';

/** A canary metric's query run for one scope over a window: the PromQL and the series it returns. */
export const POST = apiRoute('/api/v1/canary/preview', async ({ req }) => {
  const user = await requireUser(req);
  return json(await previewMetric(user, await readJson(req, metricPreviewRequestSchema)));
});
