import { can } from '@/lib/auth/permissions';
import { applicationResource } from '@/lib/auth/resources';
import { requireUser } from '@/lib/auth/session';
import { listApplications } from '@/lib/db/applications';
import { apiRoute, json } from '@/lib/http';
import { front50Application } from '@/lib/services/gate/front50';

export const GET = apiRoute('/api/gate/applications', async ({ req }) => {
  const user = await requireUser(req);
  const apps = (await listApplications()).filter((app) => can(user, 'read', applicationResource(app)));
  return json(apps.map(front50Application));
});
