/**
 * Wall-clock time in an IANA time zone, computed with Intl.DateTimeFormat (no dependency).
 *
 * DST rule for cron fire times (Foresail's; documented in the trigger docs):
 * - A wall-clock time that does not exist (spring forward, e.g. 02:30 in Europe/Berlin on the last
 *   Sunday of March) fires once, at the instant the clocks jump (03:00 local). Several skipped
 *   times collapse into that one fire, so nothing runs twice and nothing is silently skipped.
 * - A wall-clock time that happens twice (fall back, 02:30 on the last Sunday of October) fires
 *   once, at its first occurrence (summer time), as Quartz does. Schedules that fire within the
 *   repeated hour therefore do not fire again during its second pass.
 */

export interface LocalDateTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether Intl knows the zone (IANA names such as Europe/Berlin, and UTC). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at `instantMs` (milliseconds are dropped). */
export function toLocal(instantMs: number, timeZone: string): LocalDateTime {
  const fields: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instantMs))) fields[part.type] = part.value;
  const year = Number(fields.year);
  return {
    year: fields.era === 'BC' ? 1 - year : year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
  };
}

/** The local time read as if it were UTC: comparable, and easy to step through. */
export const wallMs = (t: LocalDateTime): number => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);

export function fromWallMs(ms: number): LocalDateTime {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

/** UTC offset (local minus UTC) in effect at `instantMs`. */
export function offsetAt(instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  return wallMs(toLocal(whole, timeZone)) - whole;
}

/**
 * The instant a wall-clock time fires at, under the DST rule above. Candidates come from the
 * offsets a day before and after (zones change offset at most once within that window), the way
 * the Temporal polyfill finds possible instants.
 */
export function toInstant(local: LocalDateTime, timeZone: string): number {
  const wall = wallMs(local);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])].map((offset) => wall - offset).filter((instant) => offsetAt(instant, timeZone) === wall - instant);
  if (candidates.length) return Math.min(...candidates);
  return transitionBetween(wall - after, wall - before, after, timeZone);
}

/** First second in (lo, hi] whose offset is `target`: the moment the clocks jumped. */
function transitionBetween(loMs: number, hiMs: number, target: number, timeZone: string): number {
  let lo = Math.floor(loMs / 1000);
  let hi = Math.ceil(hiMs / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 1000, timeZone) === target) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}
