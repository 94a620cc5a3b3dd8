import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { gateApplication } from '@/lib/services/gate/front50';
import { visibleApplication } from '@/lib/auth/visible-applications';

export const GET = apiRoute<{ app: string }>('/api/gate/applications/[app]', async ({ req, params }) => {
  const user = await requireUser(req);
  return json(gateApplication(await visibleApplication(user, params.app)));
});
