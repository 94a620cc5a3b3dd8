import { audited } from '@/lib/audit';
import { assertCan, can } from '@/lib/auth/permissions';
import { applicationResource } from '@/lib/auth/resources';
import type { SessionUser } from '@/lib/auth/principal';
import { requireUser } from '@/lib/auth/session';
import { deleteApplication, findApplication, updateApplication } from '@/lib/db/applications';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { apiRoute, json, readJson } from '@/lib/http';
import { updateApplicationSchema, type ApplicationDto } from '@/lib/pipeline/application';

type Params = { name: string };
const route = '/api/v1/applications/[name]';

/** Missing and invisible answer the same 404, so names cannot be probed. */
async function visibleApplication(user: SessionUser, name: string): Promise<ApplicationDto> {
  const application = await findApplication(name);
  if (!application || !can(user, 'read', applicationResource(application))) throw new NotFoundError(`Application ${name} not found`);
  return application;
}

export const GET = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  return json(await visibleApplication(user, params.name));
});

export const PATCH = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.name);
  const patch = await readJson(req, updateApplicationSchema);
  const updated = await audited(req, user, { action: 'application.update', targetType: 'application', targetId: application.name, application: application.name, details: { fields: Object.keys(patch) } }, async () => {
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
  await audited(req, user, { action: 'application.delete', targetType: 'application', targetId: application.name, application: application.name }, async () => {
    assertCan(user, 'write', applicationResource(application));
    await deleteApplication(application.name);
  });
  return new Response(null, { status: 204 });
});
