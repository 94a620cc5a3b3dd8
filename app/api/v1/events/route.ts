import { requireUser } from '@/lib/auth/session';
import { ensureListening, subscribe, type LiveEvent } from '@/lib/db/event-listener';
import { eventsAfter, latestEventId } from '@/lib/db/events';
import { apiRoute } from '@/lib/http';
import { visibleExecution, visibleApplicationNames } from '@/lib/services/executions';
import { visibleApplication } from '@/lib/services/pipelines';

export const dynamic = 'force-dynamic';

// Streams end after this long; browsers reconnect with Last-Event-ID, which also re-checks permissions.
const streamLifetimeMs = 10 * 60_000;
const heartbeatMs = 15_000;

/**
 * Server-sent events of execution and stage changes: `?application=` or `?execution=` (or every
 * application you can see). Resumable: send `Last-Event-ID` (or `?lastEventId=`) to replay what you
 * missed. Each event's data is JSON with the execution id, stage id, kind and new status.
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
  const allowed = new Set(applications);
  const lastHeader = req.headers.get('last-event-id') ?? url.searchParams.get('lastEventId');
  await ensureListening();
  const start = lastHeader && /^\d{1,19}$/.test(lastHeader) ? BigInt(lastHeader) : await latestEventId();

  const encoder = new TextEncoder();
  const matches = (e: LiveEvent) => allowed.has(e.application) && (!executionId || e.executionId === executionId);
  let cleanup: () => void = () => undefined;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let lastSent = start;
      const buffered: LiveEvent[] = [];
      let replaying = true;
      const send = (e: LiveEvent) => {
        const id = BigInt(e.id);
        if (id <= lastSent) return;
        lastSent = id;
        controller.enqueue(encoder.encode(`id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`));
      };
      // Subscribe before replaying so nothing falls between the two; duplicates are dropped by id.
      const unsubscribe = subscribe((e) => {
        if (!matches(e)) return;
        if (replaying) buffered.push(e);
        else send(e);
      });
      const heartbeat = setInterval(() => controller.enqueue(encoder.encode(': keepalive\n\n')), heartbeatMs);
      const end = setTimeout(() => close(), streamLifetimeMs);
      const close = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(end);
      };
      req.signal.addEventListener('abort', close);
      controller.enqueue(encoder.encode('retry: 2000\n\n'));
      for (const e of await eventsAfter(start, { applications, executionId })) send(e);
      replaying = false;
      for (const e of buffered.splice(0)) send(e);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' } });
});
