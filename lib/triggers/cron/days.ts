import type { CronSchedule, DayOfMonthRule, DayOfWeekRule } from './parse';

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Quartz weekday of a date: 1 = Sunday … 7 = Saturday. */
export const weekdayOf = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;

/** The weekday (Mon–Fri) nearest `day`, staying inside the month (Quartz: 1W on a Saturday is Monday the 3rd). */
function nearestWeekday(year: number, month: number, day: number, last: number): number {
  const weekday = weekdayOf(year, month, day);
  if (weekday === 7) return day === 1 ? day + 2 : day - 1;
  if (weekday === 1) return day === last ? day - 2 : day + 1;
  return day;
}

function byDayOfMonth(rule: Exclude<DayOfMonthRule, { kind: 'unspecified' }>, year: number, month: number, last: number): number[] {
  switch (rule.kind) {
    case 'days':
      return [...rule.days].filter((d) => d <= last);
    case 'last':
      return last - rule.offset >= 1 ? [last - rule.offset] : [];
    case 'lastWeekday': {
      const weekday = weekdayOf(year, month, last);
      return [weekday === 7 ? last - 1 : weekday === 1 ? last - 2 : last];
    }
    case 'nearestWeekday':
      // A month without that day (31W in April) does not fire.
      return rule.day <= last ? [nearestWeekday(year, month, rule.day, last)] : [];
  }
}

function byDayOfWeek(rule: Exclude<DayOfWeekRule, { kind: 'unspecified' }>, year: number, month: number, last: number): number[] {
  const first = weekdayOf(year, month, 1);
  // The first date in this month falling on `weekday`.
  const firstOn = (weekday: number) => 1 + ((weekday - first + 7) % 7);
  switch (rule.kind) {
    case 'weekdays': {
      const days: number[] = [];
      for (let d = 1; d <= last; d++) if (rule.weekdays.has(((first - 1 + d - 1) % 7) + 1)) days.push(d);
      return days;
    }
    case 'lastOfMonth': {
      const start = firstOn(rule.weekday);
      return [start + 7 * Math.floor((last - start) / 7)];
    }
    case 'nth': {
      const day = firstOn(rule.weekday) + 7 * (rule.nth - 1);
      return day <= last ? [day] : [];
    }
  }
}

/** The days of (year, month) the schedule fires on, ascending. */
export function matchingDays(schedule: CronSchedule, year: number, month: number): number[] {
  const last = daysInMonth(year, month);
  const days = schedule.dayOfMonth.kind !== 'unspecified' ? byDayOfMonth(schedule.dayOfMonth, year, month, last) : schedule.dayOfWeek.kind !== 'unspecified' ? byDayOfWeek(schedule.dayOfWeek, year, month, last) : [];
  return days.sort((a, b) => a - b);
}
