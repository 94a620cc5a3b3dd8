/**
 * A client of the execution page's event stream (`GET /api/v1/events?execution=`) that counts the
 * bytes it receives from a chosen moment on: what a browser on that page is sent when the execution
 * advances. Node's fetch, the same cookie as the browser.
 */
export interface EventBytes {
  /** Starts counting from now (bytes and events). */
  reset(): void;
  bytes(): number;
  events(): number;
  /** Resolves once an event whose data matches `test` arrives (counted from reset). */
  waitFor(test: (data: Record<string, unknown>) => boolean, timeoutMs: number): Promise<void>;
  close(): void;
}

export async function openEventStream(origin: string, executionId: string, cookie: string): Promise<EventBytes> {
  const abort = new AbortController();
  const res = await fetch(`${origin}/api/v1/events?execution=${encodeURIComponent(executionId)}`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`the event stream answered ${res.status}`);
  let bytes = 0;
  let buffer = '';
  const seen: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        bytes += value.byteLength;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
          buffer = buffer.slice(end + 2);
          if (data) seen.push(JSON.parse(data) as Record<string, unknown>);
          for (const wake of waiters.splice(0)) wake();
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // closed
    }
  })();
  return {
    reset() {
      bytes = 0;
      seen.length = 0;
    },
    bytes: () => bytes,
    events: () => seen.length,
    async waitFor(test, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!seen.some(test)) {
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms (${seen.length} events seen)`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 500);
        });
      }
    },
    close: () => abort.abort(),
  };
}
