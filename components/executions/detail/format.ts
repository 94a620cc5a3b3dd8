/** A duration for people: "45s", "1m 30s", "2h 0m", "3d 4h" (two units at most, rounded down). */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [d, h, m, s] = [Math.floor(seconds / 86_400), Math.floor(seconds / 3_600) % 24, Math.floor(seconds / 60) % 60, seconds % 60];
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** How long something took, or has been running until `now`; undefined before it started. */
export function elapsed(startTime: number | null, endTime: number | null, now: number): number | undefined {
  if (startTime === null) return undefined;
  return Math.max(0, (endTime ?? now) - startTime);
}

export const isoOf = (ms: number) => new Date(ms).toISOString();
