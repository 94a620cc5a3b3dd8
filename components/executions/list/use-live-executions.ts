'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExecutionPage, ExecutionSummary } from '@/lib/pipeline/execution';
import { useExecutionEvents, type ExecutionEvent } from '../use-execution-events';
import { fetchByIds, fetchPage } from './fetch-executions';
import { newestFirst } from './grouping';
import { createSerialRefresh, type SerialRefresh } from './serial-refresh';
import { emptyFilters, type ListFilters } from './list-filters';

/** Events arriving within this window are fetched together (a stage change often comes in bursts). */
const debounceMs = 150;

export interface LiveExecutions {
  executions: ExecutionSummary[];
  nextCursor: string | null;
  loadMore: () => void;
  isLoadingMore: boolean;
  error: string | null;
  connected: boolean;
}

function merge(current: ExecutionSummary[], updates: ExecutionSummary[]): ExecutionSummary[] {
  const byId = new Map(current.map((e) => [e.id, e]));
  for (const u of updates) byId.set(u.id, u);
  return newestFirst([...byId.values()]);
}

/**
 * The list's rows: the server-rendered first page, further pages by cursor, and live changes from
 * the event stream. Changed rows are refetched by id (no polling); executions not yet shown are
 * fetched with the page's filters, so only matching ones are inserted.
 */
export function useLiveExecutions(initial: ExecutionPage, filters: ListFilters, application: string | undefined, since: string | undefined): LiveExecutions {
  const [executions, setExecutions] = useState(initial.executions);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [isLoadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = useRef(new Set(initial.executions.map((e) => e.id)));
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef({ filters, application });
  useEffect(() => {
    latest.current = { filters, application };
  });

  const apply = useCallback((rows: ExecutionSummary[]) => {
    for (const r of rows) shown.current.add(r.id);
    setExecutions((current) => merge(current, rows));
  }, []);

  const refresher = useRef<SerialRefresh | undefined>(undefined);
  useEffect(() => {
    const refresh = createSerialRefresh({
      fetch: async (ids) => {
        const { filters: f, application: app } = latest.current;
        const known = ids.filter((id) => shown.current.has(id));
        const unknown = ids.filter((id) => !shown.current.has(id));
        // Rows on screen stay and change in place even if they stop matching (a RUNNING filter should
        // not make a run vanish the moment it succeeds); new ones must match the filters.
        const [updated, inserted] = await Promise.all([known.length ? fetchByIds(known, emptyFilters, app) : [], unknown.length ? fetchByIds(unknown, f, app) : []]);
        apply([...updated, ...inserted]);
        setError(null);
      },
      onError: (err) => setError(err instanceof Error ? err.message : 'Live update failed'),
    });
    refresher.current = refresh;
    return () => refresh.dispose();
  }, [apply]);
  const flush = useCallback(() => refresher.current?.flush(), []);

  const onEvent = useCallback(
    (event: ExecutionEvent) => {
      refresher.current?.add([event.executionId]);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), debounceMs);
    },
    [flush],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  const { connected } = useExecutionEvents({ application, since }, onEvent);

  const loadMore = useCallback(() => {
    if (!nextCursor) return;
    setLoadingMore(true);
    fetchPage(latest.current.filters, latest.current.application, nextCursor)
      .then((page) => {
        apply(page.executions);
        setNextCursor(page.nextCursor);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : 'Loading more failed'))
      .finally(() => setLoadingMore(false));
  }, [apply, nextCursor]);

  return { executions, nextCursor, loadMore, isLoadingMore, error, connected };
}
