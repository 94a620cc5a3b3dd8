import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, decodeSegment, json, readJson } from '@/lib/http';
import { requestMeta } from '@/lib/request-meta';
import { savedTask, saveTemplateFor } from '@/lib/services/pipeline-templates';

type Params = { id: string };

/**
 * `spin pipeline-templates save` of an existing id: a new version (or the same one, when the content
 * is unchanged), `latest` and the given tag moved to it. Pipelines that follow `latest` run it from
 * their next execution on, so Gate's `skipPlanDependents` has nothing to skip. 202, as spin expects.
 */
export const POST = apiRoute<Params>('/api/gate/v2/pipelineTemplates/update/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  const body = await readJson(req, z.record(z.string(), z.unknown(), { error: 'must be a pipeline template (a JSON object with id, schema "v2" and pipeline)' }));
  const tag = new URL(req.url).searchParams.get('tag') ?? undefined;
  const saved = await saveTemplateFor(requestMeta(req), user, body, { mode: 'update', tag, pathId: decodeSegment(params.id) });
  return json(savedTask(saved), { status: 202 });
});
