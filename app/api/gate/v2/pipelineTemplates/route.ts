import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { listVisibleTemplates, templateViewOf } from '@/lib/services/pipeline-templates';

/** `spin pipeline-templates list [--scopes s]`: the latest version of every template you may read (Front50's list). */
export const GET = apiRoute('/api/gate/v2/pipelineTemplates', async ({ req }) => {
  const user = await requireUser(req);
  // spin repeats `scopes`; Gate also takes a comma-separated list.
  const scopes = new URL(req.url).searchParams.getAll('scopes').flatMap((s) => s.split(','));
  return json((await listVisibleTemplates(user, scopes)).map(templateViewOf));
});
