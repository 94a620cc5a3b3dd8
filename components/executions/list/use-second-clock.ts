'use client';

import { useSyncExternalStore } from 'react';

// One shared one-second clock for every running duration on the page; it stops when none listens.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 1_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const noop = () => () => undefined;

/**
 * The browser's time, refreshed every second while `ticking` (running executions); otherwise a
 * snapshot. Undefined while rendering on the server, so server and first client render agree.
 */
export function useSecondClock(ticking: boolean): number | undefined {
  return useSyncExternalStore(
    ticking ? subscribe : noop,
    () => now,
    () => undefined,
  );
}

function subscribeNever(): () => void {
  return () => undefined;
}

/** The viewer's time zone in the browser; UTC on the server (so day groups hydrate, then localise). */
export function useTimeZone(): string {
  return useSyncExternalStore(
    subscribeNever,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => 'UTC',
  );
}
