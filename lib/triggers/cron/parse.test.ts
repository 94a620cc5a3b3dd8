import { describe, expect, it } from 'vitest';
import { cronProblems } from '../../pipeline';
import { parseCronExpression, type CronSchedule } from './parse';

function parse(expression: string): CronSchedule {
  const result = parseCronExpression(expression);
  if (!result.ok) throw new Error(`expected "${expression}" to parse: ${result.problems.join('; ')}`);
  return result.schedule;
}

function problems(expression: string): string[] {
  const result = parseCronExpression(expression);
  return result.ok ? [] : result.problems;
}

describe('parseCronExpression: fields', () => {
  it('reads *, values, lists, ranges and steps', () => {
    const s = parse('0/15 5,10-12 */6 ? * MON-FRI');
    expect(s.seconds).toEqual([0, 15, 30, 45]);
    expect(s.minutes).toEqual([5, 10, 11, 12]);
    expect(s.hours).toEqual([0, 6, 12, 18]);
    expect(s.months).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(s.dayOfMonth).toEqual({ kind: 'unspecified' });
    expect(s.dayOfWeek).toEqual({ kind: 'weekdays', weekdays: new Set([2, 3, 4, 5, 6]) });
    expect(s.years).toBeUndefined();
  });

  it('reads a start with a step as "from there to the end" (Quartz 5/20 = 5,25,45)', () => {
    expect(parse('5/20 0 0 * * ?').seconds).toEqual([5, 25, 45]);
    expect(parse('0 0 0 1/5 * ?').dayOfMonth).toEqual({ kind: 'days', days: new Set([1, 6, 11, 16, 21, 26, 31]) });
    expect(parse('0 10-40/10 0 * * ?').minutes).toEqual([10, 20, 30, 40]);
  });

  it('reads month and day names in any letter case, in ranges and lists', () => {
    const s = parse('0 0 12 ? jan,Mar-may sun,WED');
    expect(s.months).toEqual([1, 3, 4, 5]);
    expect(s.dayOfWeek).toEqual({ kind: 'weekdays', weekdays: new Set([1, 4]) });
  });

  it('wraps ranges past the end, as Quartz does (FRI-MON, 22-2)', () => {
    expect(parse('0 0 22-2 * * ?').hours).toEqual([0, 1, 2, 22, 23]);
    expect(parse('0 0 12 ? * FRI-MON').dayOfWeek).toEqual({ kind: 'weekdays', weekdays: new Set([6, 7, 1, 2]) });
    expect(parse('0 0 12 ? NOV-FEB MON').months).toEqual([1, 2, 11, 12]);
    expect(parse('0 50-10/10 * * * ?').minutes).toEqual([0, 10, 50]);
  });

  it('reads the day-of-month specials L, L-n, LW and nW', () => {
    expect(parse('0 0 0 L * ?').dayOfMonth).toEqual({ kind: 'last', offset: 0 });
    expect(parse('0 0 0 L-3 * ?').dayOfMonth).toEqual({ kind: 'last', offset: 3 });
    expect(parse('0 0 0 LW * ?').dayOfMonth).toEqual({ kind: 'lastWeekday' });
    expect(parse('0 0 0 15W * ?').dayOfMonth).toEqual({ kind: 'nearestWeekday', day: 15 });
  });

  it('reads the day-of-week specials L, nL and n#k', () => {
    expect(parse('0 0 0 ? * L').dayOfWeek).toEqual({ kind: 'weekdays', weekdays: new Set([7]) });
    expect(parse('0 0 0 ? * 6L').dayOfWeek).toEqual({ kind: 'lastOfMonth', weekday: 6 });
    expect(parse('0 0 0 ? * FRIL').dayOfWeek).toEqual({ kind: 'lastOfMonth', weekday: 6 });
    expect(parse('0 0 0 ? * 6#3').dayOfWeek).toEqual({ kind: 'nth', weekday: 6, nth: 3 });
    expect(parse('0 0 0 ? * MON#1').dayOfWeek).toEqual({ kind: 'nth', weekday: 2, nth: 1 });
  });

  it('reads the optional year field (* means every year)', () => {
    expect(parse('0 15 10 ? * 6L 2002-2005').years).toEqual([2002, 2003, 2004, 2005]);
    expect(parse('0 15 10 * * ? *').years).toBeUndefined();
    expect(parse('  0   0 12 * * ?  ').expression).toBe('0   0 12 * * ?');
  });
});

describe('parseCronExpression: problems in plain words', () => {
  it.each([
    ['0 0 12 * *', /needs 6 or 7 fields .* not 5; Foresail uses Quartz syntax/],
    ['0 0 12 * * ? 2024 x', /needs 6 or 7 fields .* not 8/],
    ['', /not 0/],
    ['0 0 12 * * *', /needs "\?" in either day-of-month or day-of-week/],
    ['0 0 12 ? * ?', /"\?" in only one of day-of-month and day-of-week/],
    ['60 0 12 * * ?', /the seconds field "60" must use values in 0-59/],
    ['0 0 24 * * ?', /the hours field "24" must use values in 0-23/],
    ['0 0 12 32 * ?', /the day-of-month field "32" must use values in 1-31/],
    ['0 0 12 ? * 8', /the day-of-week field "8" must use values in 1-7 or SUN-SAT/],
    ['0 0 12 ? FOO MON', /the month field "FOO" must use values in 1-12 or JAN-DEC/],
    ['0 0 12 ? 1,13 MON', /the month field "1,13" has "13"; values must be in 1-12/],
    ['0 0 12 L,15 * ?', /can use L and W only alone/],
    ['0 0 12 1-5W * ?', /can use L and W only alone/],
    ['0 0 12 40W * ?', /must name a day 1-31 before W/],
    ['0 0 12 L-31 * ?', /offset above 30/],
    ['0 0 12 ? * 6#6', /occurrence 1-5 after #/],
    ['0 0 12 ? * 9#1', /must name a day .* before #/],
    ['0 0 12 ? * 1,6L', /can use L and # only alone/],
    ['0 0 12 ? * XL', /must name a day .* before L/],
    ['0 0/0 12 * * ?', /invalid step "\/0"/],
    ['0 0/61 12 * * ?', /invalid step "\/61" \(1-60\)/],
    ['0 0/5/2 12 * * ?', /more than one "\/"/],
    ['0 0 12 1-2-3 * ?', /a range is two values/],
    ['0 0 12 1,,2 * ?', /empty list item/],
    ['0 0 12 * * ? 1969', /the year field "1969" must use values in 1970-2099/],
    ['0 ? 12 * * ?', /the minutes field cannot be "\?"/],
    ['0 0 12 MON * ?', /the day-of-month field "MON" must use values in 1-31/],
  ])('%s', (expression, message) => {
    const found = problems(expression);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(message);
  });

  it('reports every bad field at once', () => {
    expect(problems('61 61 25 * * ?')).toHaveLength(3);
  });
});

describe('agreement with the editor check (lib/pipeline cronProblems)', () => {
  // The editor validates as you type; the scheduler must accept exactly what the editor accepts.
  const corpus = [
    '0 0 12 * * ?', '0 15 10 ? * *', '0 15 10 * * ? 2005', '0 0/5 14,18 * * ?', '0 10,44 14 ? 3 WED', '0 15 10 ? * MON-FRI',
    '0 15 10 L * ?', '0 15 10 L-2 * ?', '0 15 10 ? * 6L', '0 15 10 ? * 6#3', '0 0 12 1/5 * ?', '0 11 11 11 11 ?', '0 0 12 LW * ?',
    '0 0 12 15W * ?', '0 0 12 ? * L', '0 0 12 ? * FRIL', '0 0 22-2 * * ?', '0 0 12 ? * FRI-MON', '*/10 * * * * ? *', '0 0 0 ? * SUN#5',
    '0 0 12 * *', '0 0 12 * * *', '0 0 12 ? * ?', '60 0 12 * * ?', '0 0 12 ? * 8', '0 0 12 L,15 * ?', '0 0 12 40W * ?', '0 0 12 ? * 6#6',
    '0 0/0 12 * * ?', '0 0 12 1,,2 * ?', '0 0 12 * * ? 1969', '0 ? 12 * * ?', '0 0 12 MON * ?', '0 0 12 0W * ?', '0 0 12 L-31 * ?',
  ];
  it.each(corpus)('%s', (expression) => {
    expect(parseCronExpression(expression).ok).toBe(cronProblems(expression).length === 0);
  });
});
