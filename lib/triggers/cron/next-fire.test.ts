import { describe, expect, it } from 'vitest';
import { CronExpressionError, isFireTime, nextFireTimes } from './next-fire';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace('.000Z', 'Z'));
const next = (expression: string, after: string, count = 5, timeZone = 'UTC') => iso(nextFireTimes(expression, timeZone, new Date(after), count));

describe('nextFireTimes: the Quartz tutorial examples (UTC, from Monday 2024-01-01)', () => {
  const from = '2024-01-01T00:00:00Z';
  it('0 0 12 * * ? — noon every day', () => {
    expect(next('0 0 12 * * ?', from, 3)).toEqual(['2024-01-01T12:00:00Z', '2024-01-02T12:00:00Z', '2024-01-03T12:00:00Z']);
  });
  it('0 15 10 ? * * and 0 15 10 * * ? * — 10:15 every day', () => {
    expect(next('0 15 10 ? * *', from, 2)).toEqual(['2024-01-01T10:15:00Z', '2024-01-02T10:15:00Z']);
    expect(next('0 15 10 * * ? *', from, 2)).toEqual(['2024-01-01T10:15:00Z', '2024-01-02T10:15:00Z']);
  });
  it('0 15 10 * * ? 2005 — every day during 2005, then never', () => {
    expect(next('0 15 10 * * ? 2005', '2004-06-01T00:00:00Z', 2)).toEqual(['2005-01-01T10:15:00Z', '2005-01-02T10:15:00Z']);
    expect(next('0 15 10 * * ? 2005', '2005-12-31T10:15:00Z', 2)).toEqual([]);
  });
  it('0 * 14 * * ? — every minute from 14:00 to 14:59', () => {
    const fires = next('0 * 14 * * ?', from, 61);
    expect(fires[0]).toBe('2024-01-01T14:00:00Z');
    expect(fires[59]).toBe('2024-01-01T14:59:00Z');
    expect(fires[60]).toBe('2024-01-02T14:00:00Z');
  });
  it('0 0/5 14,18 * * ? — every 5 minutes in the 14 and 18 hours', () => {
    const fires = next('0 0/5 14,18 * * ?', from, 25);
    expect(fires.slice(10, 14)).toEqual(['2024-01-01T14:50:00Z', '2024-01-01T14:55:00Z', '2024-01-01T18:00:00Z', '2024-01-01T18:05:00Z']);
    expect(fires[24]).toBe('2024-01-02T14:00:00Z');
  });
  it('0 0-5 14 * * ? — 14:00 to 14:05', () => {
    expect(next('0 0-5 14 * * ?', from, 7)).toEqual(['00', '01', '02', '03', '04', '05'].map((m) => `2024-01-01T14:${m}:00Z`).concat('2024-01-02T14:00:00Z'));
  });
  it('0 10,44 14 ? 3 WED — 14:10 and 14:44 on Wednesdays in March', () => {
    expect(next('0 10,44 14 ? 3 WED', from, 4)).toEqual(['2024-03-06T14:10:00Z', '2024-03-06T14:44:00Z', '2024-03-13T14:10:00Z', '2024-03-13T14:44:00Z']);
  });
  it('0 15 10 ? * MON-FRI — weekdays (from a Saturday)', () => {
    expect(next('0 15 10 ? * MON-FRI', '2024-01-06T00:00:00Z', 3)).toEqual(['2024-01-08T10:15:00Z', '2024-01-09T10:15:00Z', '2024-01-10T10:15:00Z']);
  });
  it('0 15 10 15 * ? — the 15th', () => {
    expect(next('0 15 10 15 * ?', from, 2)).toEqual(['2024-01-15T10:15:00Z', '2024-02-15T10:15:00Z']);
  });
  it('0 15 10 L * ? — the last day of the month (leap February)', () => {
    expect(next('0 15 10 L * ?', from, 4)).toEqual(['2024-01-31T10:15:00Z', '2024-02-29T10:15:00Z', '2024-03-31T10:15:00Z', '2024-04-30T10:15:00Z']);
  });
  it('0 15 10 L-2 * ? — two days before the last', () => {
    expect(next('0 15 10 L-2 * ?', from, 4)).toEqual(['2024-01-29T10:15:00Z', '2024-02-27T10:15:00Z', '2024-03-29T10:15:00Z', '2024-04-28T10:15:00Z']);
  });
  it('0 15 10 ? * 6L — the last Friday', () => {
    expect(next('0 15 10 ? * 6L', from, 4)).toEqual(['2024-01-26T10:15:00Z', '2024-02-23T10:15:00Z', '2024-03-29T10:15:00Z', '2024-04-26T10:15:00Z']);
  });
  it('0 15 10 ? * 6L 2002-2005 — last Fridays of 2002 to 2005 only', () => {
    expect(next('0 15 10 ? * 6L 2002-2005', '2002-01-01T00:00:00Z', 2)).toEqual(['2002-01-25T10:15:00Z', '2002-02-22T10:15:00Z']);
    expect(next('0 15 10 ? * 6L 2002-2005', '2005-12-30T10:15:00Z', 1)).toEqual([]);
  });
  it('0 15 10 ? * 6#3 — the third Friday', () => {
    expect(next('0 15 10 ? * 6#3', from, 3)).toEqual(['2024-01-19T10:15:00Z', '2024-02-16T10:15:00Z', '2024-03-15T10:15:00Z']);
  });
  it('0 0 12 1/5 * ? — every 5 days from the 1st (31st included, then the 1st again)', () => {
    expect(next('0 0 12 1/5 * ?', from, 8).map((d) => d.slice(5, 10))).toEqual(['01-01', '01-06', '01-11', '01-16', '01-21', '01-26', '01-31', '02-01']);
  });
  it('0 11 11 11 11 ? — November 11th at 11:11', () => {
    expect(next('0 11 11 11 11 ?', from, 2)).toEqual(['2024-11-11T11:11:00Z', '2025-11-11T11:11:00Z']);
  });
});

describe('nextFireTimes: L, W and # in detail', () => {
  it('nW: the nearest weekday, never leaving the month', () => {
    // 2024-06-01 is a Saturday: 1W moves forward to Monday the 3rd (not back into May).
    expect(next('0 0 12 1W * ?', '2024-05-02T00:00:00Z', 2)).toEqual(['2024-06-03T12:00:00Z', '2024-07-01T12:00:00Z']);
    // 2024-06-15 is a Saturday → Friday 14th; 2024-09-15 a Sunday → Monday 16th.
    expect(next('0 0 12 15W * ?', '2024-06-01T00:00:00Z', 1)).toEqual(['2024-06-14T12:00:00Z']);
    expect(next('0 0 12 15W * ?', '2024-09-01T00:00:00Z', 1)).toEqual(['2024-09-16T12:00:00Z']);
    // 2024-03-31 is a Sunday and the last day → Friday 29th; April has no 31st, so it does not fire.
    expect(next('0 0 12 31W * ?', '2024-03-01T00:00:00Z', 2)).toEqual(['2024-03-29T12:00:00Z', '2024-05-31T12:00:00Z']);
  });
  it('LW: the last weekday of the month', () => {
    // Jan 31 2024 Wednesday; Mar 31 Sunday → 29th; Aug 31 Saturday → 30th; Nov 30 Saturday → 29th.
    const fires = next('0 0 12 LW * ?', '2024-01-01T00:00:00Z', 12).map((d) => d.slice(0, 10));
    expect(fires).toEqual(expect.arrayContaining(['2024-01-31', '2024-03-29', '2024-08-30', '2024-11-29']));
    expect(fires).toHaveLength(12);
  });
  it('L alone in day-of-week is Saturday; 1 is Sunday', () => {
    expect(next('0 0 12 ? * L', '2024-01-01T00:00:00Z', 2)).toEqual(['2024-01-06T12:00:00Z', '2024-01-13T12:00:00Z']);
    expect(next('0 0 12 ? * 1', '2024-01-01T00:00:00Z', 1)).toEqual(['2024-01-07T12:00:00Z']);
  });
  it('n#5 skips months without a fifth such day', () => {
    // Mondays: January, April, July, September and December 2024 have five.
    expect(next('0 0 12 ? * MON#5', '2024-01-01T00:00:00Z', 5).map((d) => d.slice(0, 10))).toEqual(['2024-01-29', '2024-04-29', '2024-07-29', '2024-09-30', '2024-12-30']);
  });
  it('FRI-MON wraps over the weekend', () => {
    expect(next('0 0 12 ? * FRI-MON', '2024-01-02T00:00:00Z', 5).map((d) => d.slice(0, 10))).toEqual(['2024-01-05', '2024-01-06', '2024-01-07', '2024-01-08', '2024-01-12']);
  });
});

describe('nextFireTimes: leap years', () => {
  it('29 February fires only in leap years, and 2100 is not one', () => {
    expect(next('0 0 12 29 2 ?', '2024-03-01T00:00:00Z', 2)).toEqual(['2028-02-29T12:00:00Z', '2032-02-29T12:00:00Z']);
    expect(next('0 0 0 29 FEB ?', '2096-03-01T00:00:00Z', 1)).toEqual(['2104-02-29T00:00:00Z']);
  });
  it('L in February is the 28th or the 29th', () => {
    expect(next('0 0 0 L 2 ?', '2023-01-01T00:00:00Z', 3)).toEqual(['2023-02-28T00:00:00Z', '2024-02-29T00:00:00Z', '2025-02-28T00:00:00Z']);
  });
  it('a date that never exists yields nothing (not an endless search)', () => {
    const started = performance.now();
    expect(next('0 0 12 30 2 ?', '2024-01-01T00:00:00Z', 3)).toEqual([]);
    expect(next('0 0 12 31 4,6,9,11 ?', '2024-01-01T00:00:00Z', 3)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('nextFireTimes: boundaries', () => {
  it('is strictly after `after`, milliseconds included', () => {
    expect(next('0 0 12 * * ?', '2024-01-01T12:00:00Z', 1)).toEqual(['2024-01-02T12:00:00Z']);
    expect(next('0 0 12 * * ?', '2024-01-01T11:59:59.999Z', 1)).toEqual(['2024-01-01T12:00:00Z']);
    expect(next('0 0 12 * * ?', '2024-01-01T12:00:00.001Z', 1)).toEqual(['2024-01-02T12:00:00Z']);
  });
  it('crosses minute, hour, day, month and year boundaries with seconds', () => {
    expect(next('*/20 * * * * ?', '2024-12-31T23:59:30Z', 3)).toEqual(['2024-12-31T23:59:40Z', '2025-01-01T00:00:00Z', '2025-01-01T00:00:20Z']);
  });
  it('returns at most MAX_FIRE_TIMES and nothing for count 0', () => {
    expect(nextFireTimes('* * * * * ?', 'UTC', new Date('2024-01-01T00:00:00Z'), 5_000)).toHaveLength(1_000);
    expect(next('* * * * * ?', '2024-01-01T00:00:00Z', 0)).toEqual([]);
  });
  it('refuses invalid expressions and time zones with clear messages', () => {
    expect(() => next('0 0 12 * * *', '2024-01-01T00:00:00Z')).toThrow(CronExpressionError);
    expect(() => next('0 0 12 * * *', '2024-01-01T00:00:00Z')).toThrow(/Cron expression "0 0 12 \* \* \*" needs "\?"/);
    expect(() => nextFireTimes('0 0 12 * * ?', 'Mars/Olympus_Mons', new Date(), 1)).toThrow(/"Mars\/Olympus_Mons" is not a time zone; use an IANA name/);
    expect(() => nextFireTimes('0 0 12 * * ?', 'UTC', new Date('nope'), 1)).toThrow(/not a valid date/);
  });
  it('isFireTime tells whether an instant is on the schedule', () => {
    expect(isFireTime('0 0 12 * * ?', 'UTC', new Date('2024-01-01T12:00:00Z'))).toBe(true);
    expect(isFireTime('0 0 12 * * ?', 'UTC', new Date('2024-01-01T12:00:01Z'))).toBe(false);
    expect(isFireTime('0 0 12 * * ?', 'Europe/Berlin', new Date('2024-01-01T11:00:00Z'))).toBe(true);
  });
});

describe('nextFireTimes: time zones and daylight saving', () => {
  it('fires at local wall-clock time (Europe/Berlin winter +1, summer +2)', () => {
    expect(next('0 0 9 * * ?', '2024-01-10T00:00:00Z', 1, 'Europe/Berlin')).toEqual(['2024-01-10T08:00:00Z']);
    expect(next('0 0 9 * * ?', '2024-07-10T00:00:00Z', 1, 'Europe/Berlin')).toEqual(['2024-07-10T07:00:00Z']);
    expect(next('0 0 9 * * ?', '2024-01-10T00:00:00Z', 1, 'Asia/Kolkata')).toEqual(['2024-01-10T03:30:00Z']);
  });

  it('Europe/Berlin spring forward: 02:30 does not exist on 2024-03-31 and fires once when clocks jump (03:00 CEST)', () => {
    expect(next('0 30 2 * * ?', '2024-03-30T00:00:00Z', 3, 'Europe/Berlin')).toEqual(['2024-03-30T01:30:00Z', '2024-03-31T01:00:00Z', '2024-04-01T00:30:00Z']);
  });

  it('Europe/Berlin spring forward: a schedule inside the skipped hour collapses into one fire', () => {
    // Every 15 minutes from 01:00 to 03:59 local: 02:00-02:45 do not exist.
    const fires = next('0 0/15 1-3 * * ?', '2024-03-30T23:59:59Z', 9, 'Europe/Berlin');
    expect(fires).toEqual([
      '2024-03-31T00:00:00Z', // 01:00 CET
      '2024-03-31T00:15:00Z',
      '2024-03-31T00:30:00Z',
      '2024-03-31T00:45:00Z',
      '2024-03-31T01:00:00Z', // 02:00-02:45 CET do not exist and 03:00 CEST is the same instant
      '2024-03-31T01:15:00Z', // 03:15 CEST
      '2024-03-31T01:30:00Z',
      '2024-03-31T01:45:00Z',
      '2024-03-31T23:00:00Z', // 2024-04-01 01:00 CEST
    ]);
  });

  it('Europe/Berlin fall back: 02:30 happens twice on 2024-10-27 and fires once, at the first (CEST)', () => {
    expect(next('0 30 2 * * ?', '2024-10-26T00:00:00Z', 3, 'Europe/Berlin')).toEqual(['2024-10-26T00:30:00Z', '2024-10-27T00:30:00Z', '2024-10-28T01:30:00Z']);
  });

  it('Europe/Berlin fall back: hourly schedules do not fire again in the repeated hour', () => {
    expect(next('0 0 * * * ?', '2024-10-26T23:30:00Z', 4, 'Europe/Berlin')).toEqual([
      '2024-10-27T00:00:00Z', // 02:00 CEST
      '2024-10-27T02:00:00Z', // 03:00 CET (02:00 CET, the repeat, does not fire)
      '2024-10-27T03:00:00Z',
      '2024-10-27T04:00:00Z',
    ]);
  });

  it('starting inside the repeated hour does not fire its wall-clock times a second time', () => {
    // 01:20Z is 02:20 CET, the second pass; 02:30 already fired at 00:30Z.
    expect(next('0 30 2 * * ?', '2024-10-27T01:20:00Z', 1, 'Europe/Berlin')).toEqual(['2024-10-28T01:30:00Z']);
  });

  it('America/New_York spring forward (2024-03-10, 02:00 EST → 03:00 EDT)', () => {
    expect(next('0 0/30 * * * ?', '2024-03-10T06:00:00Z', 4, 'America/New_York')).toEqual([
      '2024-03-10T06:30:00Z', // 01:30 EST
      '2024-03-10T07:00:00Z', // 02:00/02:30 skipped → the jump; 03:00 EDT is the same instant
      '2024-03-10T07:30:00Z', // 03:30 EDT
      '2024-03-10T08:00:00Z',
    ]);
    expect(next('0 30 2 * * ?', '2024-03-09T12:00:00Z', 3, 'America/New_York')).toEqual(['2024-03-10T07:00:00Z', '2024-03-11T06:30:00Z', '2024-03-12T06:30:00Z']);
  });

  it('America/New_York fall back (2024-11-03, 02:00 EDT → 01:00 EST): 01:30 fires once, in EDT', () => {
    expect(next('0 30 1 * * ?', '2024-11-02T12:00:00Z', 3, 'America/New_York')).toEqual(['2024-11-03T05:30:00Z', '2024-11-04T06:30:00Z', '2024-11-05T06:30:00Z']);
  });

  it('southern hemisphere and half-hour shifts (Australia/Sydney, Australia/Lord_Howe)', () => {
    // Sydney falls back on 2024-04-07 at 03:00 AEDT → 02:00 AEST: 02:30 first happens at 15:30Z.
    expect(next('0 30 2 * * ?', '2024-04-06T00:00:00Z', 2, 'Australia/Sydney')).toEqual(['2024-04-06T15:30:00Z', '2024-04-07T16:30:00Z']);
    // Lord Howe moves 30 minutes forward on 2024-10-06 at 02:00 (+10:30 → +11): 02:15 does not exist.
    expect(next('0 15 2 * * ?', '2024-10-05T00:00:00Z', 2, 'Australia/Lord_Howe')).toEqual(['2024-10-05T15:30:00Z', '2024-10-06T15:15:00Z']);
  });
});

/**
 * A deliberately naive second implementation (day by day, each rule spelled out differently) to
 * cross-check random schedules in UTC.
 */
describe('nextFireTimes agrees with a brute-force oracle', () => {
  const values = (field: string, min: number, max: number): number[] => {
    const out = new Set<number>();
    for (const item of field.split(',')) {
      const [range = '', step = '1'] = item.split('/');
      const [a, b] = range === '*' ? [min, max] : range.includes('-') ? range.split('-').map(Number) : item.includes('/') ? [Number(range), max] : [Number(range), Number(range)];
      for (let v = a ?? min; v <= (b ?? max); v += Number(step)) out.add(v);
    }
    return [...out].sort((x, y) => x - y);
  };
  const dateOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
  const lastOf = (y: number, m: number) => dateOf(y, m + 1, 0).getUTCDate();
  const isWeekday = (y: number, m: number, d: number) => dateOf(y, m, d).getUTCDay() % 6 !== 0;
  function dayMatches(dom: string, dow: string, y: number, m: number, d: number): boolean {
    const last = lastOf(y, m);
    const weekday = dateOf(y, m, d).getUTCDay() + 1;
    if (dom !== '?') {
      if (dom === 'L') return d === last;
      if (dom.startsWith('L-')) return d === last - Number(dom.slice(2));
      if (dom === 'LW') return isWeekday(y, m, d) && ![...Array(last - d).keys()].some((i) => isWeekday(y, m, d + i + 1));
      if (dom.endsWith('W')) {
        const target = Number(dom.slice(0, -1));
        if (target > last || !isWeekday(y, m, d)) return false;
        const weekdays = [...Array(last).keys()].map((i) => i + 1).filter((x) => isWeekday(y, m, x));
        const best = Math.min(...weekdays.map((x) => Math.abs(x - target)));
        return Math.abs(d - target) === best;
      }
      return values(dom, 1, 31).includes(d);
    }
    if (dow.endsWith('L')) return weekday === Number(dow.slice(0, -1)) && d + 7 > last;
    if (dow.includes('#')) return weekday === Number(dow.split('#')[0]) && Math.ceil(d / 7) === Number(dow.split('#')[1]);
    return values(dow, 1, 7).includes(weekday);
  }
  function oracle(expression: string, after: Date, count: number): string[] {
    const [s = '', mi = '', h = '', dom = '', mo = '', dow = ''] = expression.split(' ');
    const out: string[] = [];
    const day = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate()));
    for (let i = 0; i < 3_000 && out.length < count; i++, day.setUTCDate(day.getUTCDate() + 1)) {
      const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
      if (!values(mo, 1, 12).includes(m) || !dayMatches(dom, dow, y, m, d)) continue;
      for (const hh of values(h, 0, 23)) for (const mm of values(mi, 0, 59)) for (const ss of values(s, 0, 59)) {
        const at = Date.UTC(y, m - 1, d, hh, mm, ss);
        if (at > after.getTime() && out.length < count) out.push(new Date(at).toISOString().replace('.000Z', 'Z'));
      }
    }
    return out;
  }

  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const secondsFields = ['0', '*/30', '5,35', '0/20'];
  const minuteFields = ['0', '*/15', '5,35', '10-20/5', '59'];
  const hourFields = ['0', '*/6', '9-17', '23', '3,15'];
  const domFields = ['*', '1', 'L', 'L-1', 'LW', '1W', '15W', '31W', '29', '1/10', '10-15'];
  const dowFields = ['*', '1', '2-6', '7', '6L', '2#1', '6#3', '3#5', '1,4'];
  const monthFields = ['*', '2', '1-6', '*/3', '11,12'];
  const cases = Array.from({ length: 150 }, () => {
    const useDom = random() < 0.5;
    const expression = [pick(secondsFields), pick(minuteFields), pick(hourFields), useDom ? pick(domFields) : '?', pick(monthFields), useDom ? '?' : pick(dowFields)].join(' ');
    const after = new Date(Date.UTC(2023 + Math.floor(random() * 4), Math.floor(random() * 12), 1 + Math.floor(random() * 28), Math.floor(random() * 24), Math.floor(random() * 60), Math.floor(random() * 60)));
    return [expression, after.toISOString()] as const;
  });

  it.each(cases)('%s after %s', (expression, after) => {
    expect(iso(nextFireTimes(expression, 'UTC', new Date(after), 12))).toEqual(oracle(expression, new Date(after), 12));
  });
});
