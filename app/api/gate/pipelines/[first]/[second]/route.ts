import { requireUser } from '@/lib/auth/session';
import { findPipeline, findPipelineByName } from '@/lib/db/pipelines';
import { NotFoundError } from '@/lib/errors';
import { apiRoute, decodeSegment, json, readJson } from '@/lib/http';
import { z } from 'zod';
import { triggerPipeline } from '@/lib/services/executions';
import { deletePipelineFor, visibleApplication } from '@/lib/services/pipelines';

// Gate's /pipelines/{application}/{pipelineNameOrId}; the segment names are generic because
// /pipelines/{executionId}/… shares the first level.
type Params = { first: string; second: string };
const route = '/api/gate/pipelines/[application]/[name]';

async function pipelineOf(application: string, nameOrId: string) {
  const decoded = decodeSegment(nameOrId);
  const byId = await findPipeline(decoded);
  const record = byId && byId.application === application ? byId : await findPipelineByName(application, decoded);
  if (!record) throw new NotFoundError(`Pipeline ${decoded} not found in ${application}`);
  return record;
}

/** `spin pipeline delete`: by name, case-insensitive. 200 as Gate answers. */
export const DELETE = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.first);
  await deletePipelineFor(req, user, application, await pipelineOf(application.name, params.second));
  return new Response(null, { status: 200 });
});

const triggerBody = z.looseObject({
  type: z.string().optional(),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  artifacts: z.array(z.record(z.string(), z.unknown())).optional(),
});

/** `spin pipeline execute`: 202 with `{ref: "/pipelines/<executionId>"}`. */
export const POST = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.first);
  const pipeline = await pipelineOf(application.name, params.second);
  const body = req.headers.get('content-length') === '0' || !req.body ? {} : await readJson(req, triggerBody);
  const outcome = await triggerPipeline(req, user, application, pipeline, { parameters: body.parameters ?? {}, artifacts: body.artifacts ?? [] }, 'gate');
  return json({ ref: `/pipelines/${outcome.executionId}` }, { status: 202 });
});
