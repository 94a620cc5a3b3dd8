'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiFetch } from '@/components/api/client';
import type { ExecutionSummary } from '@/lib/pipeline/execution';
import { applyExecutionEvent } from '@/lib/pipeline/execution-events';
import { useExecutionEvents, type ExecutionEvent } from '../use-execution-events';

export const executionKey = (id: string) => ['executions', id] as const;
export const executionApi = (id: string) => `/api/v1/executions/${encodeURIComponent(id)}`;

// Bursts of events that cannot be applied (a stage ending starts the next ones) collapse into one refetch.
const DEBOUNCE_MS = 100;

async function fetchSummary(id: string): Promise<ExecutionSummary> {
  // The schema (zod) is needed only once something changes: load it then, not with the page.
  const { executionSummarySchema } = await import('@/lib/pipeline/execution');
  return apiFetch(`${executionApi(id)}?view=summary`, executionSummarySchema);
}

/**
 * The execution's stage summaries as the server rendered them, kept live by the event stream: an
 * event that says all that changed (a stage's or the execution's status and times) is applied as it
 * is, anything else refetches the summaries — as does every (re)connection, for changes made while
 * the stream was not open. `revisions` counts the events of each stage, so an opened stage's full
 * details (useStageDetail) are fetched again exactly when it changed. No polling.
 */
export function useLiveExecution(initial: ExecutionSummary) {
  const queryClient = useQueryClient();
  const id = initial.id;
  const query = useQuery({ queryKey: executionKey(id), queryFn: () => fetchSummary(id), initialData: initial, staleTime: Number.POSITIVE_INFINITY });
  const [revisions, setRevisions] = useState<Readonly<Record<string, number>>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = useCallback(() => {
    clearTimeout(timer.current);
    // The key is a prefix of the stage details' keys: an action's result shows in the opened stage too.
    timer.current = setTimeout(() => void queryClient.invalidateQueries({ queryKey: executionKey(id) }), DEBOUNCE_MS);
  }, [queryClient, id]);
  const onEvent = useCallback(
    (event: ExecutionEvent) => {
      const { stageId } = event;
      if (stageId) setRevisions((r) => ({ ...r, [stageId]: (r[stageId] ?? 0) + 1 }));
      const current = queryClient.getQueryData<ExecutionSummary>(executionKey(id));
      const next = current && applyExecutionEvent(current, event);
      if (next) queryClient.setQueryData(executionKey(id), next);
      else refresh();
    },
    [queryClient, id, refresh],
  );
  const { connected } = useExecutionEvents({ execution: id }, onEvent);
  useEffect(() => {
    // Changes between the server render (or a dropped connection) and this connection sent no event to us.
    if (connected) refresh();
  }, [connected, refresh]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return { execution: query.data, error: query.error, connected, refresh, revisions };
}
