'use client';

import { useEffect, useRef, useState } from 'react';

/** One execution or stage change as `/api/v1/events` streams it (the payload's own keys ride along). */
export interface ExecutionEvent {
  id: string;
  at: string;
  application: string;
  executionId: string;
  stageId: string | null;
  kind: string;
  [key: string]: unknown;
}

export interface ExecutionEventFilter {
  application?: string;
  execution?: string;
  /**
   * The last event id the server knew when it rendered the page: events after it are replayed, so
   * nothing that happens between the server render and the stream opening is missed.
   */
  since?: string;
}

// The server names each event after its kind (`event: stage`), and EventSource only hands named
// events to listeners registered for that name; these are the kinds the engine emits today.
const knownKinds = ['execution', 'stage'] as const;

function parseEvent(data: unknown): ExecutionEvent | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return undefined;
    const event = value as Partial<ExecutionEvent>;
    if (typeof event.executionId !== 'string' || typeof event.kind !== 'string') return undefined;
    return { ...event, id: String(event.id ?? ''), at: String(event.at ?? ''), application: String(event.application ?? ''), executionId: event.executionId, stageId: typeof event.stageId === 'string' ? event.stageId : null, kind: event.kind };
  } catch {
    return undefined;
  }
}

export function eventsUrl(filter: ExecutionEventFilter): string {
  const params = new URLSearchParams();
  if (filter.application) params.set('application', filter.application);
  if (filter.execution) params.set('execution', filter.execution);
  // On reconnects EventSource sends Last-Event-ID, which the server prefers over this.
  if (filter.since) params.set('lastEventId', filter.since);
  const query = params.toString();
  return query ? `/api/v1/events?${query}` : '/api/v1/events';
}

/**
 * Follows execution and stage changes over server-sent events. EventSource reconnects by itself
 * (the server ends streams every ten minutes) and resumes with Last-Event-ID, so nothing is missed;
 * `connected` is false while it is (re)connecting. The latest `onEvent` is always called, without
 * reopening the stream when the callback's identity changes.
 */
export function useExecutionEvents(filter: ExecutionEventFilter, onEvent: (e: ExecutionEvent) => void): { connected: boolean } {
  const [connected, setConnected] = useState(false);
  const callback = useRef(onEvent);
  useEffect(() => {
    callback.current = onEvent;
  });
  const url = eventsUrl(filter);

  useEffect(() => {
    const source = new EventSource(url);
    // Several listeners may see the same event (a named kind also matching onmessage never happens
    // per the spec, but be safe): de-duplicate by event id.
    let lastId = '';
    const handle = (message: MessageEvent) => {
      const event = parseEvent(message.data);
      if (!event || (event.id !== '' && event.id === lastId)) return;
      lastId = event.id;
      callback.current(event);
    };
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(source.readyState === EventSource.OPEN);
    source.onmessage = handle;
    for (const kind of knownKinds) source.addEventListener(kind, handle);
    return () => {
      for (const kind of knownKinds) source.removeEventListener(kind, handle);
      source.close();
      setConnected(false);
    };
  }, [url]);

  return { connected };
}
