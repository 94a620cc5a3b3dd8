import { deleteApplication, findApplication, updateApplication } from '@/lib/db/applications';
import { NotFoundError } from '@/lib/errors';
import { apiRoute, json, readJson } from '@/lib/http';
import { updateApplicationSchema } from '@/lib/pipeline/application';

type Params = { name: string };
const route = '/api/v1/applications/[name]';

export const GET = apiRoute<Params>(route, async ({ params }) => {
  const application = await findApplication(params.name);
  if (!application) throw new NotFoundError(`Application ${params.name} not found`);
  return json(application);
});

export const PATCH = apiRoute<Params>(route, async ({ req, params }) => {
  const patch = await readJson(req, updateApplicationSchema);
  return json(await updateApplication(params.name, patch));
});

export const DELETE = apiRoute<Params>(route, async ({ params }) => {
  await deleteApplication(params.name);
  return new Response(null, { status: 204 });
});
