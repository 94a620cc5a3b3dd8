import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { visiblePipeline } from '@/lib/services/pipelines';
import { parseVersion, revisionDetail } from '@/lib/services/revisions';

export const GET = apiRoute<{ name: string; id: string; version: string }>('/api/v1/applications/[name]/pipelines/[id]/revisions/[version]', async ({ req, params }) => {
  const user = await requireUser(req);
  const { record } = await visiblePipeline(user, params.name, params.id);
  return json(await revisionDetail(record.id, parseVersion(params.version)));
});
