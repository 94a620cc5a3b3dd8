import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { planTemplatedPipelineFor } from '@/lib/services/pipeline-templates';

/** `spin pipeline-templates plan`: the runnable pipeline a templated pipeline config resolves to (nothing is saved). */
export const POST = apiRoute('/api/gate/v2/pipelineTemplates/plan', async ({ req }) => {
  const user = await requireUser(req);
  const body = await readJson(req, z.record(z.string(), z.unknown(), { error: 'must be a templated pipeline config (schema "v2" with a template reference and variables)' }));
  return json(await planTemplatedPipelineFor(user, body));
});
