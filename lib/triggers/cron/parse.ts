/**
 * Quartz cron expressions, as Spinnaker's Echo schedules cron triggers:
 * `seconds minutes hours day-of-month month day-of-week [year]`, `?` in exactly one of the two day
 * fields, `*`, lists, ranges (wrapping ones such as `FRI-MON` or `22-2` included, as in Quartz),
 * steps, names (JAN–DEC, SUN–SAT; day-of-week 1 = SUN … 7 = SAT), `L`, `L-n`, `LW`, `nW` in
 * day-of-month and `L`, `nL`, `n#k` in day-of-week. The specials stand alone in their field, as
 * Quartz requires. https://www.quartz-scheduler.org/documentation/quartz-2.3.0/tutorials/crontrigger.html
 */

export type DayOfMonthRule =
  /** `?`: day-of-week decides. */
  | { kind: 'unspecified' }
  | { kind: 'days'; days: ReadonlySet<number> }
  /** `L` (offset 0) or `L-n`. */
  | { kind: 'last'; offset: number }
  /** `LW`: the last weekday (Mon–Fri) of the month. */
  | { kind: 'lastWeekday' }
  /** `15W`: the weekday nearest the 15th, never leaving the month. */
  | { kind: 'nearestWeekday'; day: number };

export type DayOfWeekRule =
  | { kind: 'unspecified' }
  /** Quartz numbering: 1 = Sunday … 7 = Saturday. */
  | { kind: 'weekdays'; weekdays: ReadonlySet<number> }
  /** `6L` / `FRIL`: the last such weekday of the month. */
  | { kind: 'lastOfMonth'; weekday: number }
  /** `6#3` / `FRI#3`: the third Friday; months without one do not fire. */
  | { kind: 'nth'; weekday: number; nth: number };

export interface CronSchedule {
  expression: string;
  /** Ascending. */
  seconds: readonly number[];
  minutes: readonly number[];
  hours: readonly number[];
  months: readonly number[];
  /** Ascending; undefined when the expression has no year field. */
  years?: readonly number[];
  dayOfMonth: DayOfMonthRule;
  dayOfWeek: DayOfWeekRule;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2099;

const SPECS = {
  seconds: { name: 'seconds', min: 0, max: 59 },
  minutes: { name: 'minutes', min: 0, max: 59 },
  hours: { name: 'hours', min: 0, max: 23 },
  dayOfMonth: { name: 'day-of-month', min: 1, max: 31 },
  month: { name: 'month', min: 1, max: 12, names: MONTHS },
  dayOfWeek: { name: 'day-of-week', min: 1, max: 7, names: DAYS },
  year: { name: 'year', min: MIN_YEAR, max: MAX_YEAR },
} satisfies Record<string, FieldSpec>;

function readValue(raw: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(raw)) {
    const n = Number(raw);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const named = spec.names?.indexOf(raw) ?? -1;
  return named >= 0 ? named + spec.min : undefined;
}

function allowed(spec: FieldSpec): string {
  const names = spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : '';
  return `${spec.min}-${spec.max}${names}`;
}

type Parsed<T> = { value: T } | { problem: string };

/** `*`, `5`, `1-5`, `FRI-MON`, `*\/15`, `0/15`, `10-40/10`, and comma lists of those. */
function parseList(field: string, spec: FieldSpec): Parsed<number[]> {
  const bad = (why: string): Parsed<number[]> => ({ problem: `the ${spec.name} field "${field}" ${why}` });
  const span = spec.max - spec.min + 1;
  const values = new Set<number>();
  for (const item of field.split(',')) {
    if (item === '') return bad('has an empty list item');
    const [base = '', stepText, extra] = item.split('/');
    if (extra !== undefined) return bad(`has more than one "/" in "${item}"`);
    let step = 1;
    if (stepText !== undefined) {
      step = /^\d+$/.test(stepText) ? Number(stepText) : NaN;
      if (!(step >= 1 && step <= span)) return bad(`has an invalid step "/${stepText}" (1-${span})`);
    }
    let start: number | undefined;
    let end: number | undefined;
    if (base === '*') [start, end] = [spec.min, spec.max];
    else {
      const bounds = base.split('-');
      if (bounds.length > 2) return bad(`has "${item}"; a range is two values, like 1-5`);
      start = readValue(bounds[0] ?? '', spec);
      end = bounds.length === 2 ? readValue(bounds[1] ?? '', spec) : stepText !== undefined ? spec.max : start;
      if (start === undefined || end === undefined) return bad(item === field ? `must use values in ${allowed(spec)}` : `has "${item}"; values must be in ${allowed(spec)}`);
    }
    // A range that wraps (FRI-MON, 22-2) runs past max and continues from min, as in Quartz.
    const last = end >= start ? end : end + span;
    for (let v = start; v <= last; v += step) values.add(v > spec.max ? v - span : v);
  }
  return { value: [...values].sort((a, b) => a - b) };
}

function parseDayOfMonth(field: string): Parsed<DayOfMonthRule> {
  if (field === '?') return { value: { kind: 'unspecified' } };
  if (field === 'L') return { value: { kind: 'last', offset: 0 } };
  if (field === 'LW') return { value: { kind: 'lastWeekday' } };
  const offset = /^L-(\d+)$/.exec(field);
  if (offset) {
    const n = Number(offset[1]);
    return n <= 30 ? { value: { kind: 'last', offset: n } } : { problem: `the day-of-month field "${field}" has an offset above 30` };
  }
  const weekday = /^(\d+)W$/.exec(field);
  if (weekday) {
    const day = Number(weekday[1]);
    return day >= 1 && day <= 31 ? { value: { kind: 'nearestWeekday', day } } : { problem: `the day-of-month field "${field}" must name a day 1-31 before W` };
  }
  if (/[LW]/.test(field)) return { problem: `the day-of-month field "${field}" can use L and W only alone (L, L-3, LW, 15W), not in lists or ranges` };
  const list = parseList(field, SPECS.dayOfMonth);
  return 'problem' in list ? list : { value: { kind: 'days', days: new Set(list.value) } };
}

function parseDayOfWeek(field: string): Parsed<DayOfWeekRule> {
  const spec = SPECS.dayOfWeek;
  if (field === '?') return { value: { kind: 'unspecified' } };
  // Alone, L is the last day of the week: Saturday.
  if (field === 'L') return { value: { kind: 'weekdays', weekdays: new Set([7]) } };
  const last = /^(\w+?)L$/.exec(field);
  if (last) {
    const weekday = readValue(last[1] ?? '', spec);
    return weekday === undefined ? { problem: `the day-of-week field "${field}" must name a day (1-7 or SUN-SAT) before L` } : { value: { kind: 'lastOfMonth', weekday } };
  }
  const nth = /^(\w+)#(\w*)$/.exec(field);
  if (nth) {
    const weekday = readValue(nth[1] ?? '', spec);
    if (weekday === undefined) return { problem: `the day-of-week field "${field}" must name a day (1-7 or SUN-SAT) before #` };
    const n = /^[1-5]$/.test(nth[2] ?? '') ? Number(nth[2]) : undefined;
    return n === undefined ? { problem: `the day-of-week field "${field}" must give an occurrence 1-5 after #` } : { value: { kind: 'nth', weekday, nth: n } };
  }
  if (/[L#]/.test(field)) return { problem: `the day-of-week field "${field}" can use L and # only alone (L, 6L, FRI#3), not in lists or ranges` };
  const list = parseList(field, spec);
  return 'problem' in list ? list : { value: { kind: 'weekdays', weekdays: new Set(list.value) } };
}

export type CronParseResult = { ok: true; schedule: CronSchedule } | { ok: false; problems: string[] };

export function parseCronExpression(expression: string): CronParseResult {
  const fields = expression.trim().toUpperCase().split(/\s+/).filter((f) => f !== '');
  if (fields.length < 6 || fields.length > 7) {
    return {
      ok: false,
      problems: [
        `needs 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), not ${fields.length}; ` +
          'Foresail uses Quartz syntax, e.g. "0 0 12 ? * MON-FRI" for noon on weekdays',
      ],
    };
  }
  const [sec = '', min = '', hour = '', dom = '', month = '', dow = '', year] = fields;
  const problems: string[] = [];
  const take = <T>(parsed: Parsed<T>, fallback: T): T => {
    if ('problem' in parsed) {
      problems.push(parsed.problem);
      return fallback;
    }
    return parsed.value;
  };
  const questionMark = (field: string, spec: FieldSpec): Parsed<number[]> =>
    field === '?' ? { problem: `the ${spec.name} field cannot be "?" (only day-of-month or day-of-week can)` } : parseList(field, spec);
  const schedule: CronSchedule = {
    expression: expression.trim(),
    seconds: take(questionMark(sec, SPECS.seconds), []),
    minutes: take(questionMark(min, SPECS.minutes), []),
    hours: take(questionMark(hour, SPECS.hours), []),
    dayOfMonth: take(parseDayOfMonth(dom), { kind: 'unspecified' }),
    months: take(questionMark(month, SPECS.month), []),
    dayOfWeek: take(parseDayOfWeek(dow), { kind: 'unspecified' }),
    ...(year === undefined || year === '*' ? {} : { years: take(questionMark(year, SPECS.year), []) }),
  };
  if (dom !== '?' && dow !== '?') problems.push('needs "?" in either day-of-month or day-of-week (Quartz cannot use both), e.g. "0 0 12 * * ?"');
  else if (dom === '?' && dow === '?') problems.push('can use "?" in only one of day-of-month and day-of-week');
  return problems.length ? { ok: false, problems } : { ok: true, schedule };
}
