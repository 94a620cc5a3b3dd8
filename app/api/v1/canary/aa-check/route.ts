import { requireUser } from '@/lib/auth/session';
import { aaCheckRequestSchema } from '@/lib/canary/analysis/aa-check-api';
import { apiRoute, json, readJson } from '@/lib/http';
import { runCanaryAaCheck } from '@/lib/services/canary-aa-check';

/** A canary config judged on the same workload against itself, window after window: how often it would have failed. */
export const POST = apiRoute('/api/v1/canary/aa-check', async ({ req }) => {
  const user = await requireUser(req);
  return json(await runCanaryAaCheck(req, user, await readJson(req, aaCheckRequestSchema)));
});
