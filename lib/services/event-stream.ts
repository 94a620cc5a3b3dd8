import 'server-only';
import { getPrincipal } from '../auth/session';
import { ensureListening, onConnectionLost, subscribe, type LiveEvent } from '../db/event-listener';
import { eventsAfter, latestEventId } from '../db/events';
import { visibleApplicationNames } from './executions';

export interface EventStreamOptions {
  /**
   * The applications the caller may see now, or null once they are no longer signed in. Asked when
   * the stream opens, every `recheckMs`, and when an event names an application not checked since.
   */
  visibleApplications: () => Promise<string[] | null>;
  /** Only this application's events; the stream ends when the caller can no longer see it. */
  application?: string;
  executionId?: string;
  /** The client's Last-Event-ID: replay what came after it. Absent: only new events. */
  lastEventId?: bigint;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  lifetimeMs?: number;
  heartbeatMs?: number;
  recheckMs?: number;
}

const replayPage = 1000;

/** The most permissions may lag behind the directory on an open stream. */
export const maxRecheckMs = 60_000;

/**
 * What the holder of these credentials may see now, their groups re-read when older than
 * `groupsMaxAgeMs`; null when they no longer authenticate (expired, revoked, signed out).
 */
export async function applicationsVisibleTo(headers: Headers, groupsMaxAgeMs: number): Promise<string[] | null> {
  const user = await getPrincipal(headers, { groupsMaxAgeMs });
  return user ? visibleApplicationNames(user) : null;
}

/**
 * Server-sent events of execution and stage changes. Event ids come from a sequence, so across
 * executions they may commit out of order: live events are never dropped for having a smaller id
 * than one already sent (within one execution they are ordered, as each transition locks its row).
 * Replay after Last-Event-ID and live events overlap briefly; that overlap is de-duplicated by id.
 * If the LISTEN connection drops, the stream ends so the browser reconnects and replays the gap.
 *
 * Permissions are re-checked while the stream is open: an application the caller loses is no
 * longer delivered (a stream scoped to it ends), and one that becomes visible — created after the
 * stream opened, say — is delivered from its first event on.
 */
export async function executionEventStream(options: EventStreamOptions): Promise<ReadableStream<Uint8Array>> {
  const { application, executionId, signal } = options;
  const scoped = (names: string[]) => (application ? names.filter((name) => name === application) : names);
  const initial = await options.visibleApplications();
  let allowed = new Set(scoped(initial ?? []));
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
      if (initial === null || (application && !allowed.has(application))) {
        close();
        return;
      }

      // Applications seen in events and refused at the latest check; cleared by every check.
      const refused = new Set<string>();
      let checking: Promise<void> | undefined;
      const recheck = () =>
        (checking ??= options
          .visibleApplications()
          .then((names) => {
            allowed = new Set(scoped(names ?? []));
            refused.clear();
            if (names === null || (application && !allowed.has(application))) close();
          })
          // Permissions unknown: end the stream (fail closed); the browser reconnects and is checked afresh.
          .catch(close)
          .finally(() => {
            checking = undefined;
          }));
      const mayDeliver = async (e: LiveEvent): Promise<boolean> => {
        if (allowed.has(e.application)) return true;
        if (refused.has(e.application) || (application && e.application !== application)) return false;
        await recheck();
        if (allowed.has(e.application)) return true;
        refused.add(e.application);
        return false;
      };

      const send = (e: LiveEvent) => write(`id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`);
      // Live events pass one at a time, so an event awaiting a permission check holds back the ones after it.
      let queue = Promise.resolve();
      const deliver = (e: LiveEvent) => {
        queue = queue.then(async () => {
          if (!closed && (await mayDeliver(e))) send(e);
        });
      };
      const buffered: LiveEvent[] = [];
      let replayed: Set<string> | undefined = new Set();
      const unsubscribe = subscribe((e) => {
        if (executionId && e.executionId !== executionId) return;
        if (replayed) buffered.push(e);
        else deliver(e);
      });
      const unsubscribeLost = onConnectionLost(close);
      const heartbeat = setInterval(() => write(': keepalive\n\n'), options.heartbeatMs ?? 15_000);
      const periodic = setInterval(() => void recheck(), Math.min(options.recheckMs ?? maxRecheckMs, maxRecheckMs));
      const end = setTimeout(close, options.lifetimeMs ?? 10 * 60_000);
      cleanup = () => {
        unsubscribe();
        unsubscribeLost();
        clearInterval(heartbeat);
        clearInterval(periodic);
        clearTimeout(end);
      };
      signal.addEventListener('abort', close);
      write('retry: 2000\n\n');
      let cursor = start;
      for (;;) {
        const page = await eventsAfter(cursor, { applications: [...allowed], executionId }, replayPage);
        for (const e of page) {
          replayed.add(e.id);
          send(e);
          cursor = BigInt(e.id);
        }
        if (page.length < replayPage || closed) break;
      }
      for (const e of buffered.splice(0)) if (!replayed.has(e.id)) deliver(e);
      // Every later notification is new: nothing more to de-duplicate.
      replayed = undefined;
    },
    cancel() {
      cleanup();
    },
  });
}
