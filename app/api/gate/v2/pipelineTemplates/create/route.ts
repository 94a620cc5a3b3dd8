import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { requestMeta } from '@/lib/request-meta';
import { savedTask, saveTemplateFor } from '@/lib/services/pipeline-templates';

/** `spin pipeline-templates save` of a new id. 202, the only status spin accepts (Gate answers with a task). */
export const POST = apiRoute('/api/gate/v2/pipelineTemplates/create', async ({ req }) => {
  const user = await requireUser(req);
  const body = await readJson(req, z.record(z.string(), z.unknown(), { error: 'must be a pipeline template (a JSON object with id, schema "v2" and pipeline)' }));
  const tag = new URL(req.url).searchParams.get('tag') ?? undefined;
  const saved = await saveTemplateFor(requestMeta(req), user, body, { mode: 'create', tag });
  return json(savedTask(saved), { status: 202 });
});
