import { requireUser } from '@/lib/auth/session';
import { listRevisions } from '@/lib/db/pipelines';
import { apiRoute, json } from '@/lib/http';
import { visiblePipeline } from '@/lib/services/pipelines';

export const GET = apiRoute<{ name: string; id: string }>('/api/v1/applications/[name]/pipelines/[id]/revisions', async ({ req, params }) => {
  const user = await requireUser(req);
  const { record } = await visiblePipeline(user, params.name, params.id);
  return json(await listRevisions(record.id));
});
