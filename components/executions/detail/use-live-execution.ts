'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { apiFetch } from '@/components/api/client';
import type { ExecutionDto } from '@/lib/pipeline/execution';
import { useExecutionEvents } from '../use-execution-events';

export const executionKey = (id: string) => ['executions', id] as const;
export const executionApi = (id: string) => `/api/v1/executions/${encodeURIComponent(id)}`;

// Bursts of stage events (a stage ending starts the next ones) collapse into one refetch.
const DEBOUNCE_MS = 100;

async function fetchExecution(id: string): Promise<ExecutionDto> {
  // The schema (zod) is needed only once something changes: load it then, not with the page.
  const { executionDtoSchema } = await import('@/lib/pipeline/execution');
  return apiFetch(executionApi(id), executionDtoSchema);
}

/**
 * The execution as the server rendered it, refetched whenever the event stream reports a change to
 * it (no polling), and once whenever the stream (re)connects, for changes made while it was not.
 */
export function useLiveExecution(initial: ExecutionDto) {
  const queryClient = useQueryClient();
  const key = executionKey(initial.id);
  const query = useQuery({ queryKey: key, queryFn: () => fetchExecution(initial.id), initialData: initial, staleTime: Number.POSITIVE_INFINITY });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void queryClient.invalidateQueries({ queryKey: executionKey(initial.id) }), DEBOUNCE_MS);
  }, [queryClient, initial.id]);
  const { connected } = useExecutionEvents({ execution: initial.id }, refresh);
  useEffect(() => {
    // Changes between the server render (or a dropped connection) and this connection sent no event to us.
    if (connected) refresh();
  }, [connected, refresh]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return { execution: query.data, error: query.error, connected, refresh };
}
