import fs from 'node:fs';
import { Agent, fetch } from 'undici';

export interface LoadResult {
  sent: number;
  ok: number;
  failed: { status: number; error?: string; at: number }[];
  /** Achieved requests per second over the run. */
  rate: number;
}

export interface LoadRun {
  stop(): Promise<LoadResult>;
}

/** An HTTPS client that trusts only the test CA (as a browser with it installed would). */
export function httpsAgent(caCert: string): Agent {
  return new Agent({ connect: { ca: fs.readFileSync(caCert, 'utf8') }, connections: 64 });
}

/**
 * Open-loop load: starts one GET every 1000/rate ms whether or not earlier ones have finished (a
 * slow or dead replica cannot slow the offered load down), until stopped.
 */
export function startLoad(options: { url: string; headers: Record<string, string>; rate: number; agent: Agent }): LoadRun {
  const started = Date.now();
  const pending = new Set<Promise<void>>();
  const result: LoadResult = { sent: 0, ok: 0, failed: [], rate: 0 };
  const interval = 1000 / options.rate;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const due = started + (result.sent + 1) * interval;
    setTimeout(tick, Math.max(0, due - Date.now()));
    result.sent += 1;
    const request = fetch(options.url, { headers: options.headers, dispatcher: options.agent, signal: AbortSignal.timeout(30_000) })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.status === 200) result.ok += 1;
        else result.failed.push({ status: res.status, at: Date.now() - started });
      })
      .catch((err: unknown) => {
        result.failed.push({ status: 0, error: err instanceof Error ? err.message : String(err), at: Date.now() - started });
      });
    pending.add(request);
    void request.finally(() => pending.delete(request));
  };
  tick();
  return {
    async stop() {
      stopped = true;
      await Promise.all(pending);
      result.rate = Math.round((result.sent / ((Date.now() - started) / 1000)) * 10) / 10;
      return result;
    },
  };
}
