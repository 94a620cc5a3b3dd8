'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Gavel } from 'lucide-react';
import Link from 'next/link';
import { useCallback, useEffect, useRef } from 'react';
import { apiRequest } from '@/components/api/client';
import { useExecutionEvents, type ExecutionEvent } from '@/components/executions/use-execution-events';

const judgmentsKey = ['me', 'judgments'] as const;
const refreshDebounceMs = 300;

/**
 * Only the count is read, checked by hand: this runs in the shell of every page, and the zod schema
 * would put zod into the JS every page ships (~80 KB gzip).
 */
async function fetchJudgments(): Promise<{ count: number }> {
  const body = (await (await apiRequest('/api/v1/me/judgments')).json()) as { count?: unknown };
  if (typeof body.count !== 'number' || !Number.isInteger(body.count) || body.count < 0) throw new Error('The judgments answer has no count');
  return { count: body.count };
}

/** Events that can change what awaits a judgment: judgment stages moving, or executions ending. */
function mayChangeJudgments(e: ExecutionEvent): boolean {
  if (e.kind === 'stage') return e.type === 'manualJudgment';
  return e.kind === 'execution' && e.status !== 'RUNNING' && e.status !== 'NOT_STARTED';
}

/**
 * Keeps the judgment count fresh from the event stream of every application the user can see
 * (debounced; no polling). Rendered once in the shell; the badges only read the shared query.
 * `since` is the event id the server knew when it rendered the page: the stream replays everything
 * after it, because the count is fetched after hydration and the stream opens later still — a change
 * in between would otherwise be seen by neither.
 */
export function JudgmentBadgeUpdater({ since }: { since?: string }) {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onEvent = useCallback(
    (e: ExecutionEvent) => {
      if (!mayChangeJudgments(e)) return;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void queryClient.invalidateQueries({ queryKey: judgmentsKey }), refreshDebounceMs);
    },
    [queryClient],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  const { connected } = useExecutionEvents({ since }, onEvent);
  // A reconnect may have skipped events the server could not replay (e.g. a restart): refresh once.
  const wasConnected = useRef(false);
  useEffect(() => {
    if (connected && wasConnected.current) void queryClient.invalidateQueries({ queryKey: judgmentsKey });
    if (connected) wasConnected.current = true;
  }, [connected, queryClient]);
  return null;
}

/** How many manual judgments wait for the signed-in user; hidden when none. Links to them. */
export function JudgmentBadge() {
  const { data } = useQuery({ queryKey: judgmentsKey, queryFn: fetchJudgments, staleTime: 60_000 });
  const count = data?.count ?? 0;
  if (count === 0) return null;
  const label = count === 1 ? '1 judgment awaiting you' : `${count} judgments awaiting you`;
  return (
    <Link
      href="/executions?awaitingJudgment=me"
      aria-label={label}
      title={label}
      className="inline-flex h-8 items-center gap-1.5 rounded-md border border-warning/40 bg-warning-bg px-2.5 text-sm font-medium text-warning hover:opacity-90"
    >
      <Gavel size={14} aria-hidden="true" />
      <span aria-hidden="true">{count}</span>
    </Link>
  );
}
