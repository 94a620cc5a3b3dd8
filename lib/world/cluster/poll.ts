import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Calls `probe` until it returns a value other than `undefined`, or throws after `timeoutMs`
 * with `what` and the last probe error. `check` runs before each attempt and may throw to stop
 * early (e.g. when the process being waited for has died).
 */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  opts: { timeoutMs: number; intervalMs?: number; check?: () => void },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError: unknown;
  for (;;) {
    opts.check?.();
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`Timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for ${what}${detail}`);
    }
    await sleep(opts.intervalMs ?? 250);
  }
}
