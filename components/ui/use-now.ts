'use client';

import { useSyncExternalStore } from 'react';

/** A shared clock: one timer for every component on the page that reads it, stopped when none listens. */
function clock(intervalMs: number): { subscribe(listener: () => void): () => void; read(): number } {
  let now = Date.now();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    subscribe(listener) {
      listeners.add(listener);
      now = Date.now();
      timer ??= setInterval(() => {
        now = Date.now();
        listeners.forEach((l) => l());
      }, intervalMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    read: () => now,
  };
}

const relativeClock = clock(15_000);
const secondClock = clock(1_000);
const serverTime = () => undefined;
const subscribeNever = () => () => undefined;

/** The current time in the browser (refreshed every 15 s, for relative times); undefined while rendering on the server. */
export function useNow(): number | undefined {
  return useSyncExternalStore(relativeClock.subscribe, relativeClock.read, serverTime);
}

/**
 * The browser's time, refreshed every second while `ticking` (running durations); otherwise a
 * snapshot. Undefined while rendering on the server, so server and first client render agree.
 */
export function useSecondClock(ticking: boolean): number | undefined {
  return useSyncExternalStore(ticking ? secondClock.subscribe : subscribeNever, secondClock.read, serverTime);
}

/** The viewer's time zone in the browser; UTC on the server (so day groups hydrate, then localise). */
export function useTimeZone(): string {
  return useSyncExternalStore(
    subscribeNever,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => 'UTC',
  );
}
