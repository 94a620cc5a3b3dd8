import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { changePipelineRequestSchema, savePipelineRequestSchema } from '@/lib/pipeline/api-schemas';
import { changePipelineFor, deletePipelineFor, savePipelineFor, viewOf, visiblePipeline } from '@/lib/services/pipelines';
import { requestMeta } from '@/lib/request-meta';

type Params = { name: string; id: string };
const route = '/api/v1/applications/[name]/pipelines/[id]';

export const GET = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const { record } = await visiblePipeline(user, params.name, params.id);
  return json(viewOf(record), { headers: { etag: `W/"${record.version}"` } });
});

/** Saves a new version; answers 409 naming who saved if `expectedVersion` is stale. */
export const PUT = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const { application, record } = await visiblePipeline(user, params.name, params.id);
  const body = await readJson(req, savePipelineRequestSchema);
  const { view, warnings } = await savePipelineFor(requestMeta(req), user, application, record, body.pipeline, body.expectedVersion);
  return json({ ...view, warnings });
});

/** One lifecycle change: enable/disable, lock/unlock or rename. */
export const PATCH = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const { application, record } = await visiblePipeline(user, params.name, params.id);
  const { expectedVersion, ...change } = await readJson(req, changePipelineRequestSchema);
  return json(await changePipelineFor(requestMeta(req), user, application, record, change, expectedVersion));
});

export const DELETE = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const { application, record } = await visiblePipeline(user, params.name, params.id);
  await deletePipelineFor(requestMeta(req), user, application, record);
  return new Response(null, { status: 204 });
});
