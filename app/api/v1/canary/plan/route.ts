import { requireUser } from '@/lib/auth/session';
import { canaryPlanRequestSchema, planFromRequest } from '@/lib/canary/plan';
import { InputError } from '@/lib/errors';
import { apiRoute, json, readJson } from '@/lib/http';

/**
 * The intervals a kayentaCanary stage would run (waits and windows), the same code as
 * `foresail canary-plan` and the stage itself. Any signed-in user may ask: nothing stored is read.
 */
export const POST = apiRoute('/api/v1/canary/plan', async ({ req }) => {
  await requireUser(req);
  const result = planFromRequest(await readJson(req, canaryPlanRequestSchema), Date.now());
  if (!result.ok) {
    const first = result.issues[0];
    const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : '';
    throw new InputError(`${first?.path ?? 'stage'}: ${first?.message ?? 'invalid stage'}${more}`, result.issues);
  }
  return json(result.plan);
});
