import { describe, expect, it } from 'vitest';
import { decideFinal, decideInterval } from './decision';
import { planCanary, type PlanInput } from './plan';
import type { CanaryPlan } from './types';

const M = 60_000;
const T0 = Date.parse('2026-03-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function plan(config: PlanInput['canaryConfig'], now = T0, analysisType?: string): CanaryPlan {
  const result = planCanary({ analysisType, canaryConfig: config }, now);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
}
/** Canary windows as [start, end] in minutes from T0. */
const windows = (p: CanaryPlan, side: 'canary' | 'baseline' = 'canary') => p.intervals.map((i) => [(i[side].startMs - T0) / M, (i[side].endMs - T0) / M]);
const stepNames = (p: CanaryPlan) => p.steps.map((s) => s.name);

describe('planCanary: real time', () => {
  it('a lifetime without an interval is one run over the whole lifetime, after one wait', () => {
    const p = plan({ lifetimeDuration: 'PT1H' });
    expect(p).toMatchObject({ mode: 'realTime', lifetimeMs: 60 * M, intervalMs: 60 * M, window: 'growing', stepSeconds: 60, thresholds: { pass: 75, marginal: 50 } });
    expect(stepNames(p)).toStrictEqual(['Interval Wait #1', 'Run Canary #1']);
    expect(windows(p)).toStrictEqual([[0, 60]]);
    expect(p.intervals[0]?.atMs).toBe(T0 + 60 * M);
  });

  it('grows the window by one interval per run; the remainder of the lifetime is dropped (floor)', () => {
    const p = plan({ lifetimeDuration: 'PT70M', canaryAnalysisIntervalMins: 30 });
    expect(windows(p)).toStrictEqual([
      [0, 30],
      [0, 60],
    ]);
    expect(stepNames(p)).toStrictEqual(['Interval Wait #1', 'Run Canary #1', 'Interval Wait #2', 'Run Canary #2']);
    expect(p.steps[0]).toStrictEqual({ kind: 'wait', name: 'Interval Wait #1', durationMs: 30 * M, untilMs: T0 + 30 * M });
  });

  it('an interval of 0 or longer than the lifetime means the lifetime', () => {
    expect(plan({ lifetimeDuration: 'PT20M', canaryAnalysisIntervalMins: 0 }).intervalMs).toBe(20 * M);
    expect(plan({ lifetimeDuration: 'PT20M', canaryAnalysisIntervalMins: 25 }).intervals).toHaveLength(1);
    expect(plan({ lifetimeDuration: 'PT20M', canaryAnalysisIntervalMins: 20 }).intervals).toHaveLength(1);
  });

  it('warmup adds a Warmup Wait and moves every window later', () => {
    const p = plan({ lifetimeDuration: 'PT20M', canaryAnalysisIntervalMins: 10, beginCanaryAnalysisAfterMins: 5 });
    expect(stepNames(p)).toStrictEqual(['Warmup Wait', 'Interval Wait #1', 'Run Canary #1', 'Interval Wait #2', 'Run Canary #2']);
    expect(p.steps[0]).toStrictEqual({ kind: 'wait', name: 'Warmup Wait', durationMs: 5 * M, untilMs: T0 + 5 * M });
    expect(windows(p)).toStrictEqual([
      [5, 15],
      [5, 25],
    ]);
    expect(p.intervals.map((i) => (i.atMs - T0) / M)).toStrictEqual([15, 25]);
  });

  it('lookback slides the window: start = end − lookback', () => {
    const p = plan({ lifetimeDuration: 'PT30M', canaryAnalysisIntervalMins: 10, lookbackMins: 10, beginCanaryAnalysisAfterMins: 2 });
    expect(p.window).toBe('sliding');
    expect(windows(p)).toStrictEqual([
      [2, 12],
      [12, 22],
      [22, 32],
    ]);
  });

  it('the baseline window is the canary window moved earlier by the offset (both ends)', () => {
    const p = plan({ lifetimeDuration: 'PT20M', canaryAnalysisIntervalMins: 10, baselineAnalysisOffsetInMins: 60 });
    expect(windows(p, 'baseline')).toStrictEqual([
      [-60, -50],
      [-60, -40],
    ]);
    expect(windows(p)).toStrictEqual([
      [0, 10],
      [0, 20],
    ]);
  });

  it('starts at the scope start time when given, and reads lifetimeHours when there is no duration', () => {
    const p = plan({ lifetimeHours: 1, canaryAnalysisIntervalMins: 30, scopes: [{ startTimeIso: iso(T0 - 10 * M), step: 30 }] }, T0);
    expect(p.startMs).toBe(T0 - 10 * M);
    expect(p.stepSeconds).toBe(30);
    expect(windows(p)).toStrictEqual([
      [-10, 20],
      [-10, 50],
    ]);
  });

  it('keeps fractional minutes and second durations exactly (short analyses)', () => {
    const p = plan({ lifetimeDuration: 'PT9S', canaryAnalysisIntervalMins: 0.05 });
    expect(p.intervalMs).toBe(3_000);
    expect(p.intervals.map((i) => i.canary.endMs - T0)).toStrictEqual([3_000, 6_000, 9_000]);
  });
});

describe('planCanary: retrospective', () => {
  const scopes = [{ startTimeIso: iso(T0 - 120 * M), endTimeIso: iso(T0 - 30 * M) }];

  it('runs at once without waits, windows from the start time; lifetime = end − start', () => {
    const p = plan({ canaryAnalysisIntervalMins: 40, scopes }, T0, 'retrospective');
    expect(p.mode).toBe('retrospective');
    expect(p.lifetimeMs).toBe(90 * M);
    expect(stepNames(p)).toStrictEqual(['Run Canary #1', 'Run Canary #2']);
    expect(windows(p)).toStrictEqual([
      [-120, -80],
      [-120, -40],
    ]);
    expect(p.intervals.every((i) => i.atMs === T0)).toBe(true);
  });

  it('warmup still adds a wait (as Orca does) but does not move the windows', () => {
    const p = plan({ canaryAnalysisIntervalMins: 45, beginCanaryAnalysisAfterMins: 3, scopes }, T0);
    expect(stepNames(p)).toStrictEqual(['Warmup Wait', 'Run Canary #1', 'Run Canary #2']);
    expect(p.steps[0]).toMatchObject({ untilMs: T0 + 3 * M });
    expect(windows(p)).toStrictEqual([
      [-120, -75],
      [-120, -30],
    ]);
    expect(p.intervals[0]?.atMs).toBe(T0 + 3 * M);
  });

  it('an end time wins over lifetimeDuration, and lookback and offset apply as in real time', () => {
    const p = plan({ lifetimeDuration: 'PT5H', canaryAnalysisIntervalMins: 30, lookbackMins: 15, baselineAnalysisOffsetInMins: 5, scopes }, T0);
    expect(p.lifetimeMs).toBe(90 * M);
    expect(windows(p)).toStrictEqual([
      [-105, -90],
      [-75, -60],
      [-45, -30],
    ]);
    expect(windows(p, 'baseline')[0]).toStrictEqual([-110, -95]);
  });
});

describe('planCanary: thresholds and errors', () => {
  it('defaults pass 75 / marginal 50, each on its own', () => {
    expect(plan({ lifetimeDuration: 'PT1H', scoreThresholds: { pass: 90 } }).thresholds).toStrictEqual({ pass: 90, marginal: 50 });
    expect(plan({ lifetimeDuration: 'PT1H', scoreThresholds: { marginal: 60 } }).thresholds).toStrictEqual({ pass: 75, marginal: 60 });
  });

  it.each([
    [{}, 'canaryConfig.lifetimeDuration', /needs how long/],
    [{ lifetimeDuration: 'an hour' }, 'canaryConfig.lifetimeDuration', /ISO-8601 duration/],
    [{ lifetimeDuration: 'PT0M' }, 'canaryConfig.lifetimeDuration', /longer than zero/],
    [{ lifetimeHours: 0 }, 'canaryConfig.lifetimeHours', /more than zero/],
    [{ scopes: [{ startTimeIso: 'yesterday', endTimeIso: iso(T0) }] }, 'canaryConfig.scopes[0].startTimeIso', /ISO-8601 time/],
    [{ scopes: [{ startTimeIso: iso(T0), endTimeIso: iso(T0 - M) }] }, 'canaryConfig.scopes[0].endTimeIso', /after the start/],
    [{ lifetimeDuration: 'PT1H', scoreThresholds: { pass: 60, marginal: 70 } }, 'canaryConfig.scoreThresholds.marginal', /not be above the pass threshold \(60\)/],
  ])('%j → an issue at %s', (config, path, message) => {
    const result = planCanary({ canaryConfig: config }, T0);
    expect(result.ok).toBe(false);
    const issue = result.ok ? undefined : result.issues[0];
    expect(issue?.path).toBe(path);
    expect(issue?.message).toMatch(message);
  });

  it('retrospective without an end time is an issue', () => {
    const result = planCanary({ analysisType: 'retrospective', canaryConfig: { lifetimeDuration: 'PT1H' } }, T0);
    expect(result).toStrictEqual({ ok: false, issues: [{ path: 'canaryConfig.scopes[0].endTimeIso', message: 'needs an end time for a retrospective analysis' }] });
  });
});

describe('planCanary: bounds (no input allocates an unbounded plan)', () => {
  const D = 24 * 60 * M;
  it.each([
    [{ lifetimeDuration: 'P31D' }, 'canaryConfig.lifetimeDuration', /at most 30 days \(P30D\); this one is 31 days/],
    [{ lifetimeHours: 721 }, 'canaryConfig.lifetimeHours', /at most 30 days/],
    [{ lifetimeDuration: 'P1D', canaryAnalysisIntervalMins: 1 }, 'canaryConfig.canaryAnalysisIntervalMins', /1,440 intervals.*at most 1,000.*at least 2 minutes/],
    [{ lifetimeDuration: 'PT1H', canaryAnalysisIntervalMins: 0.001 }, 'canaryConfig.canaryAnalysisIntervalMins', /at most 1,000/],
    [{ scopes: [{ startTimeIso: iso(T0 - 40 * D), endTimeIso: iso(T0) }] }, 'canaryConfig.scopes[0].endTimeIso', /at most 30 days/],
  ])('%j → an issue at %s', (config, path, message) => {
    const result = planCanary({ canaryConfig: config }, T0);
    expect(result.ok).toBe(false);
    const issue = result.ok ? undefined : result.issues[0];
    expect(issue?.path).toBe(path);
    expect(issue?.message).toMatch(message);
  });

  it('P100000D judged every minute is refused before anything is built', () => {
    const result = planCanary({ canaryConfig: { lifetimeDuration: 'P100000D', canaryAnalysisIntervalMins: 1 } }, T0);
    expect(result).toMatchObject({ ok: false, issues: [{ path: 'canaryConfig.lifetimeDuration' }] });
  });

  it('the largest plan allowed: 30 days in 1,000 intervals', () => {
    const p = plan({ lifetimeDuration: 'P30D', canaryAnalysisIntervalMins: 43.2 });
    expect(p.intervals).toHaveLength(1_000);
    expect(p.intervals.at(-1)?.canary.endMs).toBe(T0 + 30 * D);
  });
});

describe('interval and final decisions (Orca)', () => {
  const thresholds = { pass: 75, marginal: 50 };
  it('an interval at or below marginal stops the analysis; above it continues even below pass', () => {
    expect(decideInterval(50, 2, thresholds)).toStrictEqual({ proceed: false, reason: 'Interval 2 scored 50, not above the marginal threshold of 50, so the analysis stopped early' });
    expect(decideInterval(12.5, 1, thresholds).proceed).toBe(false);
    expect(decideInterval(50.01, 1, thresholds)).toStrictEqual({ proceed: true });
  });
  it('the last score must reach pass', () => {
    expect(decideFinal(75, thresholds)).toStrictEqual({ passed: true });
    expect(decideFinal(74.99, thresholds)).toStrictEqual({ passed: false, reason: 'The final score 74.99 is below the pass threshold of 75' });
    expect(decideFinal(50, thresholds)).toStrictEqual({ passed: false, reason: 'The final score 50 is not above the marginal threshold of 50' });
  });
});
