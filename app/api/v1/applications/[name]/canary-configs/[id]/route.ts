import { requireUser } from '@/lib/auth/session';
import { saveCanaryConfigRequestSchema } from '@/lib/canary/stats/config-api';
import { apiRoute, json, readJson } from '@/lib/http';
import { deleteCanaryConfigFor, saveCanaryConfigFor, viewOfCanaryConfig, visibleCanaryConfig } from '@/lib/services/canary-configs';
import { requestMeta } from '@/lib/request-meta';

type Params = { name: string; id: string };
const route = '/api/v1/applications/[name]/canary-configs/[id]';

export const GET = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const { record } = await visibleCanaryConfig(user, params.name, params.id);
  return json(viewOfCanaryConfig(record), { headers: { etag: `W/"${record.version}"` } });
});

/** Saves a new version; 409 naming who saved if `expectedVersion` is stale. */
export const PUT = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const { application, record } = await visibleCanaryConfig(user, params.name, params.id);
  const body = await readJson(req, saveCanaryConfigRequestSchema);
  return json(viewOfCanaryConfig(await saveCanaryConfigFor(requestMeta(req), user, application, record, body.config, body.expectedVersion)));
});

export const DELETE = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const { application, record } = await visibleCanaryConfig(user, params.name, params.id);
  await deleteCanaryConfigFor(requestMeta(req), user, application, record);
  return new Response(null, { status: 204 });
});
