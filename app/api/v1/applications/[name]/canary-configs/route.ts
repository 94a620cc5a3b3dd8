import { requireUser } from '@/lib/auth/session';
import { createCanaryConfigRequestSchema } from '@/lib/canary/stats/config-api';
import { apiRoute, json, readJson } from '@/lib/http';
import { createCanaryConfigFor, listVisibleCanaryConfigs, viewOfCanaryConfig } from '@/lib/services/canary-configs';
import { visibleApplication } from '@/lib/auth/visible-applications';
import { requestMeta } from '@/lib/request-meta';

type Params = { name: string };
const route = '/api/v1/applications/[name]/canary-configs';

export const GET = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.name);
  return json(await listVisibleCanaryConfigs(user, application.name));
});

/** Creates a config (Kayenta's JSON in `config`); the id is generated unless a valid one is given. */
export const POST = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.name);
  const body = await readJson(req, createCanaryConfigRequestSchema);
  const record = await createCanaryConfigFor(requestMeta(req), user, application, body.config);
  return json(viewOfCanaryConfig(record), { status: 201, headers: { location: `${route.replace('[name]', application.name)}/${record.id}` } });
});
