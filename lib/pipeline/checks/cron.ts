/**
 * Quartz cron syntax, as Spinnaker's Echo schedules cron triggers: 6 or 7 fields
 * `seconds minutes hours day-of-month month day-of-week [year]`, with `?` in exactly one of the two
 * day fields. Written here (no dependency) so the editor can check as you type.
 * See https://www.quartz-scheduler.org/documentation/quartz-2.3.0/tutorials/crontrigger.html
 */

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Quartz specials allowed as the whole field; only the two day fields have them (and `?`). */
  special?: RegExp;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'seconds', min: 0, max: 59 },
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  // L, L-3, LW, 15W
  { name: 'day-of-month', min: 1, max: 31, special: /^(?:L(?:-(?:[12]?\d|30))?|LW|(?:[1-9]|[12]\d|3[01])W)$/i },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // L, 6L, FRIL, 6#3, FRI#3
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, special: /^(?:L|(?:[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(?:L|#[1-5]))$/i },
  { name: 'year', min: 1970, max: 2099 },
];

function readValue(raw: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(raw)) {
    const n = Number(raw);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const named = spec.names?.indexOf(raw.toUpperCase()) ?? -1;
  return named >= 0 ? named + spec.min : undefined;
}

function range(spec: FieldSpec): string {
  const names = spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : '';
  return `${spec.min}-${spec.max}${names}`;
}

function fieldProblem(value: string, spec: FieldSpec): string | undefined {
  const bad = (why: string) => `the ${spec.name} field "${value}" ${why}`;
  if (value === '?') return spec.special ? undefined : bad('cannot be "?" (only day-of-month or day-of-week can)');
  if (spec.special?.test(value)) return undefined;
  for (const item of value.split(',')) {
    const [base = '', step, extra] = item.split('/');
    if (extra !== undefined) return bad(`has more than one "/" in "${item}"`);
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1 || Number(step) > spec.max - spec.min + 1)) {
      return bad(`has an invalid step "/${step}"`);
    }
    if (base === '*') continue;
    const bounds = base.split('-');
    if (bounds.length > 2 || bounds.some((b) => readValue(b, spec) === undefined)) {
      return bad(item === value ? `must use values in ${range(spec)}` : `has "${item}"; values must be in ${range(spec)}`);
    }
  }
  return undefined;
}

/** Plain-words problems with a Quartz cron expression; empty when it is valid. */
export function cronProblems(expression: string): string[] {
  const fields = expression.trim().split(/\s+/).filter((f) => f !== '');
  if (fields.length < 6 || fields.length > 7) {
    return [
      `needs 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), not ${fields.length}; ` +
        'Foresail uses Quartz syntax, e.g. "0 0 12 ? * MON-FRI" for noon on weekdays',
    ];
  }
  const problems: string[] = [];
  fields.forEach((value, i) => {
    const spec = FIELDS[i];
    const problem = spec && fieldProblem(value, spec);
    if (problem) problems.push(problem);
  });
  const dayOfMonth = fields[3];
  const dayOfWeek = fields[5];
  if (dayOfMonth !== '?' && dayOfWeek !== '?') {
    problems.push('needs "?" in either day-of-month or day-of-week (Quartz cannot use both), e.g. "0 0 12 * * ?"');
  } else if (dayOfMonth === '?' && dayOfWeek === '?') {
    problems.push('can use "?" in only one of day-of-month and day-of-week');
  }
  return problems;
}
