import { requireUser } from '@/lib/auth/session';
import { apiRoute, decodeSegment, json } from '@/lib/http';
import { requestMeta } from '@/lib/request-meta';
import { deleteTemplateFor, templateViewOf, visibleTemplate } from '@/lib/services/pipeline-templates';

type Params = { id: string };
const route = '/api/gate/v2/pipelineTemplates/[id]';

/** One version (`tag`, `digest`, or the latest). 404 for missing and not-visible alike: spin's save creates on 404. */
export const GET = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const query = new URL(req.url).searchParams;
  const record = await visibleTemplate(user, decodeSegment(params.id), { tag: query.get('tag') ?? undefined, digest: query.get('digest') ?? undefined });
  return json(templateViewOf(record));
});

/** One tag, or with none the whole template; refused (409) while pipelines use it. 202 with a finished task, as spin expects. */
export const DELETE = apiRoute<Params>(route, async ({ req, params }) => {
  const user = await requireUser(req);
  const tag = new URL(req.url).searchParams.get('tag') || undefined;
  await deleteTemplateFor(requestMeta(req), user, decodeSegment(params.id), tag);
  return json({ status: 'SUCCEEDED', id: decodeSegment(params.id), deleted: tag ?? 'all' }, { status: 202 });
});
