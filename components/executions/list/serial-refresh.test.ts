import { describe, expect, it } from 'vitest';
import { createSerialRefresh } from './serial-refresh';

/** A fetch whose answers the test releases in any order; `state` is what the server says at call time. */
function controlledServer() {
  let state = 'RUNNING';
  const calls: { ids: string[]; answer: string; release: () => void }[] = [];
  const shown = new Map<string, string>();
  const fetch = (ids: string[]) =>
    new Promise<void>((resolve) => {
      const answer = state;
      calls.push({ ids, answer, release: () => { for (const id of ids) shown.set(id, answer); resolve(); } });
    });
  return { calls, shown, fetch, set: (s: string) => (state = s) };
}

describe('serial refresh of changed executions', () => {
  it('never applies an older answer after a newer one, however the server orders them', async () => {
    const server = controlledServer();
    const refresh = createSerialRefresh({ fetch: server.fetch, onError: () => undefined });
    refresh.add(['e1']);
    const first = refresh.flush();
    server.set('SUCCEEDED'); // the run ends while the first refetch is in flight
    refresh.add(['e1']);
    void refresh.flush(); // a second event: must wait for the first answer, not race it
    expect(server.calls).toHaveLength(1);
    server.calls[0]?.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]?.answer).toBe('SUCCEEDED');
    server.calls[1]?.release();
    await first;
    expect(server.shown.get('e1')).toBe('SUCCEEDED');
  });

  it('keeps the ids of a failed refetch and retries them', async () => {
    let fail = true;
    const fetched: string[][] = [];
    const errors: unknown[] = [];
    let retry: (() => void) | undefined;
    const refresh = createSerialRefresh({
      fetch: async (ids) => {
        fetched.push(ids);
        if (fail) throw new Error('503');
      },
      onError: (err) => errors.push(err),
      schedule: (fn) => {
        retry = fn;
        return () => (retry = undefined);
      },
    });
    refresh.add(['e1', 'e2']);
    await refresh.flush();
    expect(errors).toHaveLength(1);
    fail = false;
    retry?.();
    await new Promise((r) => setTimeout(r, 0));
    expect(fetched).toEqual([['e1', 'e2'], ['e1', 'e2']]);
  });
});
