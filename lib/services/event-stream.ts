import 'server-only';
import { can, type Principal } from '../auth/permissions';
import { applicationResource } from '../auth/resources';
import { getPrincipal } from '../auth/session';
import { listApplications } from '../db/applications';
import { ensureListening, onConnectionLost, subscribe, type LiveEvent } from '../db/event-listener';
import { eventsAfter, latestEventId } from '../db/events';

/**
 * What a stream's caller may see, read at one moment: the applications they may READ, and every
 * application that existed then — an event of one of those that is not visible needs no new check.
 */
export interface StreamAccess {
  visible: string[];
  existing: string[];
}

export interface EventStreamOptions {
  /**
   * What the caller may see now, or null once they are no longer signed in. Asked when the stream
   * opens, every `recheckMs`, and when an event names an application that did not exist at the
   * latest check (created since).
   */
  access: () => Promise<StreamAccess | null>;
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
export async function applicationsVisibleTo(headers: Headers, groupsMaxAgeMs: number): Promise<StreamAccess | null> {
  const user = await getPrincipal(headers, { groupsMaxAgeMs });
  return user ? accessOf(user) : null;
}

/** What this principal, just authenticated, may see now. */
export async function accessOf(user: Principal): Promise<StreamAccess> {
  const applications = await listApplications();
  return { visible: applications.filter((app) => can(user, 'read', applicationResource(app))).map((app) => app.name), existing: applications.map((app) => app.name) };
}

/** An event's SSE frame, encoded once however many streams send it (the listener hands them all one object). */
const frames = new WeakMap<LiveEvent, Uint8Array>();
const encoder = new TextEncoder();
function frame(e: LiveEvent): Uint8Array {
  let bytes = frames.get(e);
  if (!bytes) {
    bytes = encoder.encode(`id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`);
    frames.set(e, bytes);
  }
  return bytes;
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
 *
 * Every stream of the process hears every event (one LISTEN, fanned out in memory), so the common
 * cases are decided synchronously from the latest check, without a query: the event's application
 * is visible (send), or it existed at that check and was not visible (drop). Only an application
 * created since the latest check waits for a new one.
 */
export async function executionEventStream(options: EventStreamOptions): Promise<ReadableStream<Uint8Array>> {
  const { application, executionId, signal } = options;
  const scoped = (names: string[]) => (application ? names.filter((name) => name === application) : names);
  const initial = await options.access();
  let allowed = new Set(scoped(initial?.visible ?? []));
  // Applications the latest check (or a check since) decided on: not in `allowed` means refused.
  let decided = new Set(initial?.existing ?? []);
  await ensureListening();
  const start = options.lastEventId ?? (await latestEventId());
  let cleanup: () => void = () => undefined;

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      // Frames written in one turn of the event loop (the notifications of one transaction arrive
      // together, and more of them under load) go out as one chunk: each chunk costs the stream
      // machinery and a socket write per client, whatever its size.
      let pending: Uint8Array[] = [];
      const flush = () => {
        const parts = pending;
        pending = [];
        if (closed || parts.length === 0) return;
        controller.enqueue(parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts));
      };
      const write = (bytes: Uint8Array) => {
        if (!closed && pending.push(bytes) === 1) queueMicrotask(flush);
      };
      const close = () => {
        if (closed) return;
        cleanup();
        flush();
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

      let checking: Promise<void> | undefined;
      const recheck = () =>
        (checking ??= options
          .access()
          .then((access) => {
            allowed = new Set(scoped(access?.visible ?? []));
            decided = new Set(access?.existing ?? []);
            if (access === null || (application && !allowed.has(application))) close();
          })
          // Permissions unknown: end the stream (fail closed); the browser reconnects and is checked afresh.
          .catch(close)
          .finally(() => {
            checking = undefined;
          }));

      const send = (e: LiveEvent) => write(frame(e));
      // Events pass in order: while one waits for a check, the ones after it wait behind it.
      let queue: Promise<void> | undefined;
      let waiting = 0;
      const deliver = (e: LiveEvent) => {
        if (closed || (application && e.application !== application)) return;
        if (waiting === 0) {
          if (allowed.has(e.application)) return send(e);
          if (decided.has(e.application)) return;
        }
        waiting += 1;
        queue = (queue ?? Promise.resolve())
          .then(async () => {
            if (!allowed.has(e.application) && !decided.has(e.application)) {
              await recheck();
              // Checked now: until the next periodic check, it is visible or it is not.
              decided.add(e.application);
            }
            if (!closed && allowed.has(e.application)) send(e);
          })
          .finally(() => {
            waiting -= 1;
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
      const keepalive = encoder.encode(': keepalive\n\n');
      const heartbeat = setInterval(() => write(keepalive), options.heartbeatMs ?? 15_000);
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
      write(encoder.encode('retry: 2000\n\n'));
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
