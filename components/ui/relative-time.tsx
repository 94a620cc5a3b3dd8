'use client';

import { useNow } from './use-now';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

export function formatRelative(fromMs: number, nowMs: number): string {
  const seconds = Math.round((fromMs - nowMs) / 1000);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  if (Math.abs(seconds) < 10) return 'just now';
  for (const [unit, size] of units) {
    // Round the magnitude so 90 s ago and in 90 s both read "2 minutes" (Math.round(-1.5) is -1).
    if (Math.abs(seconds) >= size) return format.format(Math.sign(seconds) * Math.round(Math.abs(seconds) / size), unit);
  }
  return 'just now';
}

/**
 * A time shown relative ("5 minutes ago") with the absolute time, in the viewer's time zone, on
 * hover. The server renders the absolute UTC time; the browser swaps in its local form.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow();
  const time = new Date(iso);
  const absolute = now === undefined ? time.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : time.toLocaleString();
  return (
    <time dateTime={iso} title={absolute}>
      {now === undefined ? absolute : formatRelative(time.getTime(), now)}
    </time>
  );
}
