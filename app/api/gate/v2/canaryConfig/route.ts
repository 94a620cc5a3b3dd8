import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { applicationNamedIn, createCanaryConfigFor, listVisibleCanaryConfigs } from '@/lib/services/canary-configs';
import { visibleApplication } from '@/lib/auth/visible-applications';
import { requestMeta } from '@/lib/request-meta';

const route = '/api/gate/v2/canaryConfig';

/** Kayenta's config index: every config this user may read, or those of `?application=`. */
export const GET = apiRoute(route, async ({ req }) => {
  const user = await requireUser(req);
  const application = new URL(req.url).searchParams.get('application')?.trim() || undefined;
  const summaries = await listVisibleCanaryConfigs(user, application);
  return json(summaries.map(({ id, name, applications, updatedTimestamp, updatedTimestampIso }) => ({ id, name, applications, updatedTimestamp, updatedTimestampIso })));
});

/** `spin canary canary-config save` for a new id: the owning application is `applications[0]`. 200, as Gate answers. */
export const POST = apiRoute(route, async ({ req }) => {
  const user = await requireUser(req);
  const body = await readJson(req, z.record(z.string(), z.unknown(), { error: 'must be a Kayenta canary config object' }));
  const application = await visibleApplication(user, applicationNamedIn(body));
  const record = await createCanaryConfigFor(requestMeta(req), user, application, body);
  return json({ canaryConfigId: record.id });
});
