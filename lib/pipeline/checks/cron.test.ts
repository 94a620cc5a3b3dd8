import { describe, expect, it } from 'vitest';
import { cronProblems } from './cron';

describe('cronProblems (Quartz)', () => {
  const valid = [
    '0 0 12 * * ?',
    '0 15 10 ? * *',
    '0 15 10 * * ? 2030',
    '0 0/5 14,18 * * ?',
    '0 0-5 14 * * ?',
    '0 10,44 14 ? 3 WED',
    '0 15 10 ? * MON-FRI',
    '0 15 10 L * ?',
    '0 15 10 L-2 * ?',
    '0 15 10 15W * ?',
    '0 15 10 LW * ?',
    '0 15 10 ? * 6L',
    '0 15 10 ? * FRI#3',
    '0 0 12 1/5 * ?',
    '0 11 11 11 11 ?',
    '*/30 * * ? JAN-DEC SUN-SAT *',
    '  0 0 4  ? *  mon ',
  ];
  for (const expression of valid) it(`accepts "${expression}"`, () => expect(cronProblems(expression)).toStrictEqual([]));

  const invalid: [string, string][] = [
    ['', 'needs 6 or 7 fields'],
    ['0 12 * * *', 'needs 6 or 7 fields'],
    ['0 0 12 * * ? 2030 extra', 'needs 6 or 7 fields'],
    ['60 * * ? * *', 'the seconds field "60" must use values in 0-59'],
    ['0 0 24 ? * *', 'the hours field "24" must use values in 0-23'],
    ['0 0 0 32 * ?', 'the day-of-month field "32" must use values in 1-31'],
    ['0 0 0 ? 13 *', 'the month field "13" must use values in 1-12 or JAN-DEC'],
    ['0 0 0 ? * 8', 'the day-of-week field "8" must use values in 1-7 or SUN-SAT'],
    ['0 0 0 ? * * 1969', 'the year field "1969" must use values in 1970-2099'],
    ['0 0/0 * ? * *', 'the minutes field "0/0" has an invalid step "/0"'],
    ['0 1/2/3 * ? * *', 'the minutes field "1/2/3" has more than one "/" in "1/2/3"'],
    ['0 1,99 * ? * *', 'the minutes field "1,99" has "99"; values must be in 0-59'],
    ['? 0 0 ? * *', 'the seconds field "?" cannot be "?" (only day-of-month or day-of-week can)'],
    ['0 0 12 * * *', 'needs "?" in either day-of-month or day-of-week'],
    ['0 0 12 ? * ?', 'can use "?" in only one of day-of-month and day-of-week'],
    ['0 0 12 L,5 * ?', 'the day-of-month field "L,5" has "L"; values must be in 1-31'],
  ];
  for (const [expression, problem] of invalid) {
    it(`rejects "${expression}"`, () => expect(cronProblems(expression).join(' | ')).toContain(problem));
  }
});
