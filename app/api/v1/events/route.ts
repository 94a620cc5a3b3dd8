import { requireUser } from '@/lib/auth/session';
import { apiRoute } from '@/lib/http';
import { executionEventStream } from '@/lib/services/event-stream';
import { visibleExecution, visibleApplicationNames } from '@/lib/services/executions';
import { visibleApplication } from '@/lib/services/pipelines';

export const dynamic = 'force-dynamic';

/**
 * Server-sent events of execution and stage changes: `?application=` or `?execution=` (or every
 * application you can see). Resumable: send `Last-Event-ID` (or `?lastEventId=`) to replay what you
 * missed. Each event's data is JSON with the execution id, stage id, kind and new status. Streams
 * end after ten minutes; the browser reconnects, which re-checks permissions.
 */
export const GET = apiRoute('/api/v1/events', async ({ req }) => {
  const user = await requireUser(req);
  const url = new URL(req.url);
  const executionId = url.searchParams.get('execution') ?? undefined;
  const application = url.searchParams.get('application') ?? undefined;
  const applications = executionId
    ? [(await visibleExecution(user, executionId)).application.name]
    : application
      ? [(await visibleApplication(user, application)).name]
      : await visibleApplicationNames(user);
  const last = req.headers.get('last-event-id') ?? url.searchParams.get('lastEventId');
  const stream = await executionEventStream({ applications, executionId, lastEventId: last && /^\d{1,19}$/.test(last) ? BigInt(last) : undefined, signal: req.signal });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' } });
});
