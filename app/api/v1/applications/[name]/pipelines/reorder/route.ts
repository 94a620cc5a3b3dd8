import { audited } from '@/lib/audit';
import { assertCan } from '@/lib/auth/permissions';
import { applicationResource } from '@/lib/auth/resources';
import { requireUser } from '@/lib/auth/session';
import { reorderPipelines } from '@/lib/db/pipelines';
import { apiRoute, readJson } from '@/lib/http';
import { reorderRequestSchema } from '@/lib/pipeline/api-schemas';
import { visibleApplication } from '@/lib/auth/visible-applications';
import { requestMeta } from '@/lib/request-meta';

export const POST = apiRoute<{ name: string }>('/api/v1/applications/[name]/pipelines/reorder', async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.name);
  const { ids } = await readJson(req, reorderRequestSchema);
  await audited(requestMeta(req), user, { action: 'pipeline.reorder', targetType: 'application', targetId: application.name, application: application.name }, async () => {
    assertCan(user, 'write', applicationResource(application));
    await reorderPipelines(application.name, ids);
  });
  return new Response(null, { status: 204 });
});
