import 'server-only';
import { ensureListening, onConnectionLost, subscribe, type LiveEvent } from '../db/event-listener';
import { eventsAfter, latestEventId } from '../db/events';

export interface EventStreamOptions {
  /** Applications the caller may see (checked by the caller). */
  applications: string[];
  executionId?: string;
  /** The client's Last-Event-ID: replay what came after it. Absent: only new events. */
  lastEventId?: bigint;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  lifetimeMs?: number;
  heartbeatMs?: number;
}

const replayPage = 1000;

/**
 * Server-sent events of execution and stage changes. Event ids come from a sequence, so across
 * executions they may commit out of order: live events are never dropped for having a smaller id
 * than one already sent (within one execution they are ordered, as each transition locks its row).
 * Replay after Last-Event-ID and live events overlap briefly; that overlap is de-duplicated by id.
 * If the LISTEN connection drops, the stream ends so the browser reconnects and replays the gap.
 */
export async function executionEventStream(options: EventStreamOptions): Promise<ReadableStream<Uint8Array>> {
  const { applications, executionId, signal } = options;
  const allowed = new Set(applications);
  const matches = (e: LiveEvent) => allowed.has(e.application) && (!executionId || e.executionId === executionId);
  await ensureListening();
  const start = options.lastEventId ?? (await latestEventId());
  const encoder = new TextEncoder();
  let cleanup: () => void = () => undefined;

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const send = (e: LiveEvent) => write(`id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`);
      const buffered: LiveEvent[] = [];
      let replayed: Set<string> | undefined = new Set();
      const unsubscribe = subscribe((e) => {
        if (!matches(e)) return;
        if (replayed) buffered.push(e);
        else send(e);
      });
      const close = () => {
        if (closed) return;
        cleanup();
        closed = true;
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const unsubscribeLost = onConnectionLost(close);
      const heartbeat = setInterval(() => write(': keepalive\n\n'), options.heartbeatMs ?? 15_000);
      const end = setTimeout(close, options.lifetimeMs ?? 10 * 60_000);
      cleanup = () => {
        unsubscribe();
        unsubscribeLost();
        clearInterval(heartbeat);
        clearTimeout(end);
      };
      signal.addEventListener('abort', close);
      write('retry: 2000\n\n');
      let cursor = start;
      for (;;) {
        const page = await eventsAfter(cursor, { applications, executionId }, replayPage);
        for (const e of page) {
          replayed.add(e.id);
          send(e);
          cursor = BigInt(e.id);
        }
        if (page.length < replayPage || closed) break;
      }
      for (const e of buffered.splice(0)) if (!replayed.has(e.id)) send(e);
      // Every later notification is new: nothing more to de-duplicate.
      replayed = undefined;
    },
    cancel() {
      cleanup();
    },
  });
}
