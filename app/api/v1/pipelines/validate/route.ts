import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { parsePipeline, validatePipeline } from '@/lib/pipeline';
import { validateRequestSchema } from '@/lib/pipeline/api-schemas';
import { metricsAccountChoice } from '@/lib/services/metrics-accounts';
import { validationContext } from '@/lib/services/pipeline-context';

/**
 * Validates without saving: every issue with its path and severity. References resolve only against
 * what the caller may read, so the findings reveal nothing about other applications or accounts.
 */
export const POST = apiRoute('/api/v1/pipelines/validate', async ({ req }) => {
  const user = await requireUser(req);
  const { pipeline } = await readJson(req, validateRequestSchema);
  const parsed = parsePipeline(pipeline);
  const issues = parsed.pipeline ? [...parsed.issues, ...validatePipeline(parsed.pipeline, await validationContext(user, metricsAccountChoice(user)))] : parsed.issues;
  return json({ valid: !issues.some((i) => i.severity === 'error'), issues });
});
