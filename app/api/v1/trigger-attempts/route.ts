import { requireUser } from '@/lib/auth/session';
import { visibleApplications } from '@/lib/auth/visible-applications';
import { listTriggerAttempts } from '@/lib/db/trigger-attempts';
import { apiRoute, json } from '@/lib/http';
import { parseTriggerAttemptQuery } from '@/lib/triggers/attempts-query';

/**
 * Why triggers did or did not start executions, newest first. Administrators see every attempt;
 * others see attempts of applications they can read (attempts tied to no application, such as a
 * push no pipeline watches, are administrators' only).
 */
export const GET = apiRoute('/api/v1/trigger-attempts', async ({ req }) => {
  const user = await requireUser(req);
  const query = parseTriggerAttemptQuery(new URL(req.url).searchParams);
  const visible = user.isAdmin ? undefined : (await visibleApplications(user)).map((app) => app.name);
  return json(
    await listTriggerAttempts({
      application: query.application,
      pipelineId: query.pipeline,
      source: query.source,
      visibleApplications: visible,
      before: query.cursor ? BigInt(query.cursor) : undefined,
      limit: query.limit,
    }),
  );
});
