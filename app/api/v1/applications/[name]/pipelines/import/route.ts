import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { importBodySchema } from '@/lib/pipeline/api-schemas';
import { importPipelines } from '@/lib/services/pipeline-import';
import { visibleApplication } from '@/lib/services/pipelines';

/** Reports (dryRun, the default) or performs an import of Spinnaker pipeline JSON, wrapped as `{input, dryRun}` or bare. */
export const POST = apiRoute<{ name: string }>('/api/v1/applications/[name]/pipelines/import', async ({ req, params }) => {
  const user = await requireUser(req);
  const application = await visibleApplication(user, params.name);
  const query = new URL(req.url).searchParams.get('dryRun');
  const { input, dryRun } = await readJson(req, importBodySchema(query === null ? undefined : query !== 'false'));
  return json(await importPipelines(req, user, application, input, dryRun));
});
