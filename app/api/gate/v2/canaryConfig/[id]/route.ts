import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { kayentaConfigOf } from '@/lib/db/canary-configs';
import { deleteCanaryConfigFor, saveCanaryConfigFor, visibleCanaryConfigById } from '@/lib/services/canary-configs';
import { requestMeta } from '@/lib/request-meta';

type Params = { id: string };
const route = '/api/gate/v2/canaryConfig/[id]';

/** 404 for missing and not-visible alike: spin's save creates on 404 and updates on 200. */
export const GET = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const { record } = await visibleCanaryConfigById(user, params.id);
  return json(kayentaConfigOf(record));
});

/** Gate clients send no version: the last save wins, as in Kayenta. */
export const PUT = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const { application, record } = await visibleCanaryConfigById(user, params.id);
  const body = await readJson(req, z.record(z.string(), z.unknown(), { error: 'must be a Kayenta canary config object' }));
  const saved = await saveCanaryConfigFor(requestMeta(req), user, application, record, body);
  return json({ canaryConfigId: saved.id });
});

/** spin expects 200 (Kayenta itself answers 204). */
export const DELETE = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const { application, record } = await visibleCanaryConfigById(user, params.id);
  await deleteCanaryConfigFor(requestMeta(req), user, application, record);
  return new Response(null, { status: 200 });
});
