const ISO_DURATION = /^P(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

/**
 * Milliseconds in an ISO-8601 duration as Java's `Duration.parse` reads it (`PT1H30M`, `PT0H5M`,
 * `P1DT2H`), or undefined when it is not one. Kayenta's `lifetimeDuration` uses this form.
 */
export function parseIsoDuration(value: string): number | undefined {
  const match = ISO_DURATION.exec(value.trim());
  if (!match || value.trim().toUpperCase() === 'P' || /T$/i.test(value.trim())) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part.replace(',', '.'))));
  return ((((days ?? 0) * 24 + (hours ?? 0)) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0)) * 1000;
}

/**
 * A duration for people: "45s", "1m 30s", "2h 0m", "3d 4h" (two units at most, rounded down, so a
 * stage that ran 59.6 s never reads as a minute). The one formatting the pages, the executions list and
 * the engine's timeout messages share.
 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [d, h, m, s] = [Math.floor(seconds / 86_400), Math.floor(seconds / 3_600) % 24, Math.floor(seconds / 60) % 60, seconds % 60];
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** How long something took, or has been running until `now`; null before it started (never negative when clocks disagree). */
export function elapsedMs(start: number | null, end: number | null, now: number): number | null {
  if (start === null) return null;
  return Math.max(0, (end ?? now) - start);
}
