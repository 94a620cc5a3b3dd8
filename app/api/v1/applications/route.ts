import { audited } from '@/lib/audit';
import { assertCan, can } from '@/lib/auth/permissions';
import { applicationResource, systemResource } from '@/lib/auth/resources';
import { requireUser } from '@/lib/auth/session';
import { createApplication, listApplications } from '@/lib/db/applications';
import { apiRoute, json, readJson } from '@/lib/http';
import { createApplicationSchema, type ApplicationPermissions } from '@/lib/pipeline/application';
import { getConfig } from '@/lib/env';

export const GET = apiRoute('/api/v1/applications', async ({ req }) => {
  const user = await requireUser(req);
  const search = new URL(req.url).searchParams.get('q') ?? undefined;
  const visible = (await listApplications({ search })).filter((app) => can(user, 'read', applicationResource(app)));
  return json(visible);
});

export const POST = apiRoute('/api/v1/applications', async ({ req }) => {
  const user = await requireUser(req);
  const input = await readJson(req, createApplicationSchema);
  const created = await audited(req, user, { action: 'application.create', targetType: 'application', targetId: input.name, application: input.name }, async () => {
    assertCan(user, 'create-application', systemResource);
    return createApplication({ ...input, permissions: defaultPermissions(input.permissions, user.roles) });
  });
  return json(created, { status: 201, headers: { location: `/api/v1/applications/${created.name}` } });
});

/**
 * An application created without permissions is given to the roles that allowed its creation, so
 * the creator can use it; admins see everything anyway.
 */
function defaultPermissions(given: ApplicationPermissions | undefined, roles: readonly string[]): ApplicationPermissions {
  if (given) return given;
  const creators = roles.filter((role) => getConfig().auth.roles.createApplication.includes(role));
  return { READ: creators, WRITE: creators, EXECUTE: creators };
}
