/**
 * Refetches changed executions one request at a time. Two refetches in flight can answer out of
 * order — on a busy machine an older answer (RUNNING) landing after a newer one (SUCCEEDED) would
 * leave a finished run shown as running, with no further event to correct it. Serialised, every
 * answer is applied in the order its request was made, and the last request starts after the last
 * event, so the list ends on the newest state. A failed refetch keeps its ids and retries.
 */
export interface SerialRefresh {
  /** Marks ids as changed; they are fetched by the running refresh or a new one. */
  add(ids: Iterable<string>): void;
  /** Starts fetching what is pending, unless a fetch is already running (it picks them up). */
  flush(): Promise<void>;
  dispose(): void;
}

export interface SerialRefreshOptions {
  fetch(ids: string[]): Promise<void>;
  onError(err: unknown): void;
  retryAfterMs?: number;
  schedule?: (fn: () => void, ms: number) => () => void;
}

export function createSerialRefresh({ fetch, onError, retryAfterMs = 2_000, schedule = defaultSchedule }: SerialRefreshOptions): SerialRefresh {
  const pending = new Set<string>();
  let running = false;
  let disposed = false;
  let cancelRetry: (() => void) | undefined;

  async function flush(): Promise<void> {
    if (running || disposed) return;
    running = true;
    try {
      while (pending.size > 0 && !disposed) {
        const ids = [...pending];
        pending.clear();
        try {
          await fetch(ids);
        } catch (err) {
          for (const id of ids) pending.add(id);
          onError(err);
          cancelRetry?.();
          cancelRetry = schedule(() => void flush(), retryAfterMs);
          return;
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    add(ids) {
      for (const id of ids) pending.add(id);
    },
    flush,
    dispose() {
      disposed = true;
      cancelRetry?.();
    },
  };
}

function defaultSchedule(fn: () => void, ms: number): () => void {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
}
