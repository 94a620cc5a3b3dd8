import { audited } from '@/lib/audit';
import { assertCan, can } from '@/lib/auth/permissions';
import { applicationResource, systemResource } from '@/lib/auth/resources';
import { requireUser } from '@/lib/auth/session';
import { createApplication, listApplications } from '@/lib/db/applications';
import { apiRoute, json, readJson } from '@/lib/http';
import { createApplicationSchema } from '@/lib/pipeline/application';
import { defaultPermissions } from '@/lib/services/application-defaults';
import { requestMeta } from '@/lib/request-meta';

export const GET = apiRoute('/api/v1/applications', async ({ req }) => {
  const user = await requireUser(req);
  const search = new URL(req.url).searchParams.get('q') ?? undefined;
  const visible = (await listApplications({ search })).filter((app) => can(user, 'read', applicationResource(app)));
  return json(visible);
});

export const POST = apiRoute('/api/v1/applications', async ({ req }) => {
  const user = await requireUser(req);
  const input = await readJson(req, createApplicationSchema);
  const created = await audited(requestMeta(req), user, { action: 'application.create', targetType: 'application', targetId: input.name, application: input.name }, async () => {
    assertCan(user, 'create-application', systemResource);
    return createApplication({ ...input, permissions: defaultPermissions(input.permissions, user.roles) });
  });
  return json(created, { status: 201, headers: { location: `/api/v1/applications/${created.name}` } });
});
