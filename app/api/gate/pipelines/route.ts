import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { findPipeline, findPipelineByName } from '@/lib/db/pipelines';
import { InputError } from '@/lib/errors';
import { apiRoute, readJson } from '@/lib/http';
import { createPipelineFor, savePipelineFor } from '@/lib/services/pipelines';
import { visibleApplication } from '@/lib/auth/visible-applications';
import { requestMeta } from '@/lib/request-meta';

const body = z.looseObject({ application: z.string().min(1), name: z.string().min(1), id: z.unknown().optional() });

/**
 * `spin pipeline save`: create, or update the pipeline with the same id (or name) in that
 * application. 200 with an empty body, as Gate answers. Front50 stores any pipeline JSON, so this
 * reads leniently, as an import does: only what is not a pipeline (or not permitted) is refused;
 * everything else is kept, its problems shown as warnings on the pipeline until fixed.
 */
export const POST = apiRoute('/api/gate/pipelines', async ({ req }) => {
  const user = await requireUser(req);
  const config = await readJson(req, body);
  const application = await visibleApplication(user, config.application);
  const byId = typeof config.id === 'string' && config.id ? await findPipeline(config.id) : undefined;
  if (byId && byId.application !== application.name) throw new InputError(`id: pipeline ${String(config.id)} belongs to another application`, [{ path: 'id', message: 'belongs to another application' }]);
  const existing = byId ?? (await findPipelineByName(application.name, config.name));
  if (existing) await savePipelineFor(requestMeta(req), user, application, existing, { ...config, id: existing.id }, existing.version, 'update', 'import');
  else await createPipelineFor(requestMeta(req), user, application, config, 'create', 'import');
  return new Response(null, { status: 200 });
});
