import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { listVisibleTemplates, templateViewOf } from '@/lib/services/pipeline-templates';

/** `spin pipeline-templates list [--scopes s]`: the latest version of every template you may read (Front50's list). */
export const GET = apiRoute('/api/gate/v2/pipelineTemplates', async ({ req }) => {
  const user = await requireUser(req);
  // Gate takes `scopes` repeated or comma-separated; spin v1.30 sends its Go slice printed, `[a b]`.
  const scopes = new URL(req.url).searchParams.getAll('scopes').flatMap((s) => s.match(/[^\s,&[\]]+/g) ?? []);
  return json((await listVisibleTemplates(user, scopes)).map(templateViewOf));
});
