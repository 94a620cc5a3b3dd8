import { requireUser } from '@/lib/auth/session';
import { retrospectiveRequestSchema } from '@/lib/canary/analysis/request';
import { apiRoute, json, readJson } from '@/lib/http';
import { listVisibleCanaryAnalyses, runRetrospectiveAnalysis } from '@/lib/services/canary-analyses';
import { requestMeta } from '@/lib/request-meta';

const route = '/api/v1/canary/analyses';

/** Retrospective analyses this user may read, newest first (scores only), optionally of `?application=`. */
export const GET = apiRoute(route, async ({ req }) => {
  const user = await requireUser(req);
  const application = new URL(req.url).searchParams.get('application')?.trim() || undefined;
  return json(await listVisibleCanaryAnalyses(user, application));
});

/** Judges a config over a past window now and stores the result (201 with the full report). */
export const POST = apiRoute(route, async ({ req }) => {
  const user = await requireUser(req);
  const input = await readJson(req, retrospectiveRequestSchema);
  return json(await runRetrospectiveAnalysis(requestMeta(req), user, input), { status: 201 });
});
