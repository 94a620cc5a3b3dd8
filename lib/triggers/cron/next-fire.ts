import { InputError } from '../../errors';
import { matchingDays } from './days';
import { MAX_YEAR, parseCronExpression, type CronSchedule } from './parse';
import { fromWallMs, isTimeZone, toInstant, toLocal, wallMs, type LocalDateTime } from './time-zone';

/** An expression or time zone that cannot be scheduled; `problems` are plain-words reasons. */
export class CronExpressionError extends InputError {
  constructor(
    expression: string,
    readonly problems: string[],
  ) {
    super(`Cron expression "${expression}" ${problems.join('; ')}`, problems.map((message) => ({ path: 'cronExpression', message })));
  }
}

/** At most this many fire times per call: callers want the next one or a preview. */
export const MAX_FIRE_TIMES = 1_000;

export function parseCronOrThrow(expression: string): CronSchedule {
  const parsed = parseCronExpression(expression);
  if (!parsed.ok) throw new CronExpressionError(expression, parsed.problems);
  return parsed.schedule;
}

export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new InputError(`"${timeZone}" is not a time zone; use an IANA name such as Europe/Berlin or UTC`, [{ path: 'timeZone', message: 'is not a known IANA time zone' }]);
}

/** The first wall-clock time at or after `from` that the schedule matches (no year beyond `lastYear`). */
export function nextLocalMatch(schedule: CronSchedule, from: LocalDateTime, lastYear: number): LocalDateTime | undefined {
  for (let year = from.year; year <= lastYear; year++) {
    if (schedule.years && !schedule.years.includes(year)) continue;
    const atYear = year === from.year;
    for (const month of schedule.months) {
      if (atYear && month < from.month) continue;
      const atMonth = atYear && month === from.month;
      for (const day of matchingDays(schedule, year, month)) {
        if (atMonth && day < from.day) continue;
        const atDay = atMonth && day === from.day;
        for (const hour of schedule.hours) {
          if (atDay && hour < from.hour) continue;
          const atHour = atDay && hour === from.hour;
          for (const minute of schedule.minutes) {
            if (atHour && minute < from.minute) continue;
            const atMinute = atHour && minute === from.minute;
            const second = schedule.seconds.find((s) => !atMinute || s >= from.second);
            if (second !== undefined) return { year, month, day, hour, minute, second };
          }
        }
      }
    }
  }
  return undefined;
}

/**
 * The next `count` fire times strictly after `after`, in `timeZone` (IANA), oldest first. Fewer
 * come back when the schedule ends (a year field) or never matches (30 FEB). Wall-clock times are
 * turned into instants by the DST rule in ./time-zone.ts; instants never repeat.
 */
export function nextFireTimes(expression: string | CronSchedule, timeZone: string, after: Date, count: number): Date[] {
  const schedule = typeof expression === 'string' ? parseCronOrThrow(expression) : expression;
  assertTimeZone(timeZone);
  const afterMs = after.getTime();
  if (!Number.isFinite(afterMs)) throw new InputError('"after" is not a valid date');
  const wanted = Math.min(Math.max(0, Math.floor(count)), MAX_FIRE_TIMES);
  const fires: Date[] = [];
  let last = afterMs;
  let cursor = toLocal(afterMs, timeZone);
  // Schedules without a year field are searched a century ahead, as Quartz does.
  const lastYear = Math.min(schedule.years ? MAX_YEAR : cursor.year + 100, cursor.year + 100);
  while (fires.length < wanted) {
    const next = nextLocalMatch(schedule, fromWallMs(wallMs(cursor) + 1000), lastYear);
    if (!next) break;
    const instant = toInstant(next, timeZone);
    // Wall-clock candidates before `after` (the second pass of a repeated hour) or collapsed onto
    // an earlier fire (a skipped hour) map to instants that already passed.
    if (instant > last) {
      fires.push(new Date(instant));
      last = instant;
    }
    cursor = next;
  }
  return fires;
}

/** Whether `at` is one of the schedule's fire times (the cron task checks a job still fits its trigger). */
export function isFireTime(expression: string | CronSchedule, timeZone: string, at: Date): boolean {
  const [next] = nextFireTimes(expression, timeZone, new Date(at.getTime() - 1000), 1);
  return next !== undefined && next.getTime() === at.getTime();
}
