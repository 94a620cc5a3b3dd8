import 'server-only';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { getConfig } from '../env';
import { getLogger } from '../log';
import { eventsChannel } from './engine/events';

export interface LiveEvent {
  id: string;
  at: string;
  application: string;
  executionId: string;
  stageId: string | null;
  kind: string;
  [key: string]: unknown;
}

interface Listener {
  emitter: EventEmitter;
  client?: pg.Client;
  connecting?: Promise<void>;
}

const globalForEvents = globalThis as unknown as { foresailEvents?: Listener };

/**
 * One LISTEN connection per web process, fanned out to every open event stream. It reconnects
 * after errors; streams resume from their Last-Event-ID, so nothing is lost meanwhile.
 */
function listener(): Listener {
  if (!globalForEvents.foresailEvents) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    globalForEvents.foresailEvents = { emitter };
  }
  return globalForEvents.foresailEvents;
}

async function connect(state: Listener): Promise<void> {
  const client = new pg.Client({ connectionString: getConfig().database.url });
  client.on('notification', (message) => {
    if (!message.payload) return;
    try {
      state.emitter.emit('event', JSON.parse(message.payload) as LiveEvent);
    } catch {
      // not ours
    }
  });
  client.on('error', (err) => {
    getLogger().warn({ err: err.message }, 'event listener connection failed; reconnecting');
    state.client = undefined;
    state.emitter.emit('reconnect');
    setTimeout(() => void ensureListening().catch(() => undefined), 1000);
  });
  await client.connect();
  await client.query(`LISTEN ${eventsChannel}`);
  state.client = client;
}

export async function ensureListening(): Promise<void> {
  const state = listener();
  if (state.client) return;
  state.connecting ??= connect(state).finally(() => {
    state.connecting = undefined;
  });
  await state.connecting;
}

/** Calls `fn` when the LISTEN connection was lost (events may have been missed) until unsubscribed. */
export function onConnectionLost(fn: () => void): () => void {
  const { emitter } = listener();
  emitter.on('reconnect', fn);
  return () => emitter.off('reconnect', fn);
}

/** Calls `fn` for each live event until the returned function is called. */
export function subscribe(fn: (event: LiveEvent) => void): () => void {
  const { emitter } = listener();
  emitter.on('event', fn);
  return () => emitter.off('event', fn);
}

/** Closes the LISTEN connection (tests and shutdown); the next stream opens a new one. */
export async function stopListening(): Promise<void> {
  const state = listener();
  const client = state.client;
  state.client = undefined;
  client?.removeAllListeners('error');
  client?.on('error', () => undefined);
  await client?.end().catch(() => undefined);
}
