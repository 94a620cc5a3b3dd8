import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { infrastructureQuerySchema } from '@/lib/pipeline/kubernetes-views';
import { applicationInfrastructure } from '@/lib/services/infrastructure';

/** The workloads Foresail manages for the application, per readable account, one page per labelled list. */
export const GET = apiRoute<{ name: string }>('/api/v1/applications/[name]/infrastructure', async ({ req, params }) => {
  const user = await requireUser(req);
  const raw = Object.fromEntries([...new URL(req.url).searchParams.entries()].filter(([, v]) => v !== ''));
  const query = infrastructureQuerySchema.parse(raw);
  return json(await applicationInfrastructure(user, params.name, query, req.signal));
});
