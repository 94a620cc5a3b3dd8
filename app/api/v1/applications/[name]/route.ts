import { audited } from '@/lib/audit';
import { assertCan } from '@/lib/auth/permissions';
import { applicationResource } from '@/lib/auth/resources';
import { requireUser } from '@/lib/auth/session';
import { visibleApplication } from '@/lib/auth/visible-applications';
import { deleteApplication, updateApplication } from '@/lib/db/applications';
import { ForbiddenError } from '@/lib/errors';
import { apiRoute, json, readJson } from '@/lib/http';
import { updateApplicationSchema } from '@/lib/pipeline/application';
import { requestMeta } from '@/lib/request-meta';

type Params = { name: string };
const route = '/api/v1/applications/[name]';

export const GET = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  return json(await visibleApplication(user, params.name));
});

export const PATCH = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.name);
  const patch = await readJson(req, updateApplicationSchema);
  const updated = await audited(requestMeta(req), user, { action: 'application.update', targetType: 'application', targetId: application.name, application: application.name, details: { fields: Object.keys(patch) } }, async () => {
    assertCan(user, 'write', applicationResource(application));
    // Changing who may do what is an administrator's decision: WRITE could otherwise grant itself EXECUTE.
    if (patch.permissions && !user.isAdmin) throw new ForbiddenError('Only administrators may change an application’s permissions');
    return updateApplication(application.name, patch);
  });
  return json(updated);
});

export const DELETE = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.name);
  await audited(requestMeta(req), user, { action: 'application.delete', targetType: 'application', targetId: application.name, application: application.name }, async () => {
    assertCan(user, 'write', applicationResource(application));
    await deleteApplication(application.name);
  });
  return new Response(null, { status: 204 });
});
