import { requireUser } from '@/lib/auth/session';
import { listPipelines } from '@/lib/db/pipelines';
import { apiRoute, json, readJson } from '@/lib/http';
import { createPipelineBodySchema } from '@/lib/pipeline/api-schemas';
import { summaryOf } from '@/lib/services/pipeline-summary';
import { createPipelineFor, visibleApplication } from '@/lib/services/pipelines';

type Params = { name: string };
const route = '/api/v1/applications/[name]/pipelines';

export const GET = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.name);
  return json((await listPipelines(application.name)).map(summaryOf));
});

/** Creates a pipeline from `{pipeline}` or from the bare pipeline JSON. */
export const POST = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.name);
  const body = await readJson(req, createPipelineBodySchema);
  const { view, warnings } = await createPipelineFor(req, user, application, body.pipeline);
  return json({ ...view, warnings }, { status: 201, headers: { location: `${route.replace('[name]', application.name)}/${String(view.pipeline.id)}` } });
});
