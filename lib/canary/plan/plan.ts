import { effectiveIntervalMs, intervalCountProblem, lifetimeProblem } from '../../pipeline/canary-limits';
import { parseIsoDuration } from '../../pipeline/duration';
import type { CanaryPlan, PlanIssue, PlanResult, PlanStep, PlannedInterval } from './types';

const MINUTE = 60_000;
export const DEFAULT_THRESHOLDS = { pass: 75, marginal: 50 } as const;
export const DEFAULT_STEP_SECONDS = 60;

/** The stage fields the plan reads (the run-typed kayentaCanary stage fits; numbers already parsed). */
export interface PlanInput {
  analysisType?: string | undefined;
  canaryConfig: {
    lifetimeDuration?: string | undefined;
    lifetimeHours?: number | undefined;
    beginCanaryAnalysisAfterMins?: number | undefined;
    baselineAnalysisOffsetInMins?: number | undefined;
    lookbackMins?: number | undefined;
    canaryAnalysisIntervalMins?: number | undefined;
    scoreThresholds?: { pass?: number | undefined; marginal?: number | undefined } | undefined;
    scopes?: Array<{ startTimeIso?: string | undefined; endTimeIso?: string | undefined; step?: number | undefined }> | undefined;
  };
}

const minutes = (value: number | undefined): number => Math.round((value ?? 0) * MINUTE);

function parseTime(value: string | undefined, path: string, issues: PlanIssue[]): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) issues.push({ path, message: `must be an ISO-8601 time such as "2026-01-31T12:00:00Z" (got "${value}")` });
  return Number.isNaN(ms) ? undefined : ms;
}

function resolveLifetime(input: PlanInput, startMs: number, endMs: number | undefined, issues: PlanIssue[]): number | undefined {
  const config = input.canaryConfig;
  const bounded = (ms: number, path: string) => {
    const problem = lifetimeProblem(ms);
    if (problem) issues.push({ path, message: problem });
    return ms;
  };
  if (endMs !== undefined) {
    if (endMs <= startMs) issues.push({ path: 'canaryConfig.scopes[0].endTimeIso', message: 'must be after the start time' });
    return bounded(endMs - startMs, 'canaryConfig.scopes[0].endTimeIso');
  }
  if (config.lifetimeDuration !== undefined && config.lifetimeDuration.trim() !== '') {
    const ms = parseIsoDuration(config.lifetimeDuration);
    if (ms === undefined) issues.push({ path: 'canaryConfig.lifetimeDuration', message: 'must be an ISO-8601 duration such as "PT1H" or "PT0H30M"' });
    else if (ms <= 0) issues.push({ path: 'canaryConfig.lifetimeDuration', message: 'must be longer than zero' });
    return ms === undefined ? ms : bounded(ms, 'canaryConfig.lifetimeDuration');
  }
  if (config.lifetimeHours !== undefined) {
    if (config.lifetimeHours <= 0) issues.push({ path: 'canaryConfig.lifetimeHours', message: 'must be more than zero' });
    return bounded(Math.round(config.lifetimeHours * 60 * MINUTE), 'canaryConfig.lifetimeHours');
  }
  issues.push({ path: 'canaryConfig.lifetimeDuration', message: 'needs how long the analysis runs (lifetimeDuration, e.g. "PT1H") or a scope end time (endTimeIso)' });
  return undefined;
}

/**
 * Orca's interval plan for a kayentaCanary stage (RunCanaryIntervalsStage; reference
 * canary-judge.md §1.8), computed in milliseconds:
 * - retrospective when the scope has an end time (lifetime = end − start, no waits), otherwise
 *   real time (lifetime from lifetimeDuration/lifetimeHours, start = startTimeIso or `nowMs`);
 * - interval = canaryAnalysisIntervalMins, or the lifetime when unset, 0 or longer than it;
 *   runs = floor(lifetime / interval), the remainder is dropped;
 * - a "Warmup Wait" first when beginCanaryAnalysisAfterMins > 0 (Orca adds it in both modes);
 * - real time: "Interval Wait #i", then the window start + warmup … start + warmup + i·interval;
 *   retrospective: start … start + i·interval (warmup does not move it);
 * - growing windows, or sliding ones (start = end − lookback) when lookbackMins > 0;
 * - the baseline window is the canary window moved earlier by baselineAnalysisOffsetInMins.
 *
 * Bounded (lib/pipeline/canary-limits): a lifetime over 30 days or more than 1,000 intervals is an
 * issue, found before any interval is built.
 *
 * Difference from Orca, on purpose: Orca truncates every duration to whole minutes; Foresail keeps
 * the exact value, so fractional minutes ("0.1") and second durations ("PT30S") work (short test
 * and demo analyses). Whole-minute configs, which are all Deck writes, plan identically.
 */
export function planCanary(input: PlanInput, nowMs: number): PlanResult {
  const issues: PlanIssue[] = [];
  const config = input.canaryConfig;
  const scope = config.scopes?.[0];
  const scopeStart = parseTime(scope?.startTimeIso, 'canaryConfig.scopes[0].startTimeIso', issues);
  const endMs = parseTime(scope?.endTimeIso, 'canaryConfig.scopes[0].endTimeIso', issues);
  if (input.analysisType === 'retrospective' && endMs === undefined && issues.length === 0) {
    issues.push({ path: 'canaryConfig.scopes[0].endTimeIso', message: 'needs an end time for a retrospective analysis' });
  }
  const startMs = scopeStart ?? nowMs;
  const lifetimeMs = resolveLifetime(input, startMs, endMs, issues);
  const pass = config.scoreThresholds?.pass ?? DEFAULT_THRESHOLDS.pass;
  const marginal = config.scoreThresholds?.marginal ?? DEFAULT_THRESHOLDS.marginal;
  if (marginal > pass) issues.push({ path: 'canaryConfig.scoreThresholds.marginal', message: `must not be above the pass threshold (${pass})` });
  if (issues.length > 0 || lifetimeMs === undefined) return { ok: false, issues };

  const requested = minutes(config.canaryAnalysisIntervalMins);
  // Checked before anything is built: the plan holds one entry per interval.
  const tooMany = intervalCountProblem(lifetimeMs, requested);
  if (tooMany) return { ok: false, issues: [{ path: 'canaryConfig.canaryAnalysisIntervalMins', message: tooMany }] };
  const intervalMs = effectiveIntervalMs(lifetimeMs, requested);
  const count = Math.floor(lifetimeMs / intervalMs);
  const warmupMs = minutes(config.beginCanaryAnalysisAfterMins);
  const lookbackMs = minutes(config.lookbackMins);
  const baselineOffsetMs = minutes(config.baselineAnalysisOffsetInMins);
  const realTime = endMs === undefined;

  const steps: PlanStep[] = [];
  const intervals: PlannedInterval[] = [];
  // Retrospective windows are in the past, so their (Orca-compatible) warmup wait counts from now.
  if (warmupMs > 0) steps.push({ kind: 'wait', name: 'Warmup Wait', durationMs: warmupMs, untilMs: (realTime ? startMs : nowMs) + warmupMs });
  const earliest = nowMs + warmupMs;
  for (let i = 1; i <= count; i++) {
    const windowEnd = realTime ? startMs + warmupMs + i * intervalMs : startMs + i * intervalMs;
    const growingStart = realTime ? startMs + warmupMs : startMs;
    const canary = { startMs: lookbackMs > 0 ? windowEnd - lookbackMs : growingStart, endMs: windowEnd };
    const baseline = { startMs: canary.startMs - baselineOffsetMs, endMs: canary.endMs - baselineOffsetMs };
    const atMs = realTime ? windowEnd : earliest;
    if (realTime) steps.push({ kind: 'wait', name: `Interval Wait #${i}`, durationMs: intervalMs, untilMs: windowEnd });
    steps.push({ kind: 'analysis', name: `Run Canary #${i}`, interval: i, atMs, canary, baseline });
    intervals.push({ interval: i, atMs, canary, baseline });
  }
  const plan: CanaryPlan = {
    mode: realTime ? 'realTime' : 'retrospective',
    startMs,
    lifetimeMs,
    intervalMs,
    warmupMs,
    lookbackMs,
    baselineOffsetMs,
    stepSeconds: scope?.step ?? DEFAULT_STEP_SECONDS,
    window: lookbackMs > 0 ? 'sliding' : 'growing',
    thresholds: { pass, marginal },
    steps,
    intervals,
  };
  return { ok: true, plan };
}
