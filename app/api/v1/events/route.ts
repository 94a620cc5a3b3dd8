import { groupsRefreshMs } from '@/lib/auth/directory';
import { requireUser } from '@/lib/auth/session';
import { getConfig } from '@/lib/env';
import { apiRoute } from '@/lib/http';
import { accessOf, applicationsVisibleTo, executionEventStream, maxRecheckMs } from '@/lib/services/event-stream';
import { visibleExecution } from '@/lib/services/executions';
import { visibleApplication } from '@/lib/auth/visible-applications';

export const dynamic = 'force-dynamic';

/**
 * Server-sent events of execution and stage changes: `?application=` or `?execution=` (or every
 * application you can see). Resumable: send `Last-Event-ID` (or `?lastEventId=`) to replay what you
 * missed. Each event's data is JSON with the execution id, stage id, kind and new status.
 * Permissions are re-checked as often as groups are refreshed and at least every minute; streams
 * end after ten minutes and the browser reconnects.
 */
export const GET = apiRoute('/api/v1/events', async ({ req }) => {
  const user = await requireUser(req);
  const url = new URL(req.url);
  const executionId = url.searchParams.get('execution') ?? undefined;
  const application = url.searchParams.get('application') ?? undefined;
  // Same answer (404) for "missing" and "not visible" before anything streams.
  const scope = executionId ? (await visibleExecution(user, executionId)).application.name : application ? (await visibleApplication(user, application)).name : undefined;
  // The static directory changes only when configuration is re-read (a restart, which ends streams): a minute will do.
  const recheckMs = Math.min(maxRecheckMs, groupsRefreshMs(getConfig().auth) || maxRecheckMs);
  let opening = true;
  const last = req.headers.get('last-event-id') ?? url.searchParams.get('lastEventId');
  const stream = await executionEventStream({
    access: () => {
      if (!opening) return applicationsVisibleTo(req.headers, recheckMs);
      // The first check uses the caller authenticated above: one token or session check per stream opened, not two.
      opening = false;
      return accessOf(user);
    },
    application: scope,
    executionId,
    lastEventId: last && /^\d{1,19}$/.test(last) ? BigInt(last) : undefined,
    signal: req.signal,
    recheckMs,
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' } });
});
