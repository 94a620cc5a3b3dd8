import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { importRequestSchema } from '@/lib/pipeline/api-schemas';
import { importPipelines } from '@/lib/services/pipeline-import';
import { visibleApplication } from '@/lib/auth/visible-applications';
import { requestMeta } from '@/lib/request-meta';

/** Reports (dryRun, the default) or performs an import of Spinnaker pipeline JSON. */
export const POST = apiRoute<{ name: string }>('/api/v1/applications/[name]/pipelines/import', async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.name);
  const { input, dryRun } = await readJson(req, importRequestSchema);
  return json(await importPipelines(requestMeta(req), user, application, input, dryRun));
});
