/** A time window in ms since the epoch (Kayenta scope start/end). */
export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/** One step of the analysis as Orca lays it out: a wait, or a canary run over two windows. */
export type PlanStep =
  | { kind: 'wait'; name: string; durationMs: number; /** when the wait ends, on the plan's clock */ untilMs: number }
  | { kind: 'analysis'; name: string; interval: number; /** the run may start at this time (its canary window has ended) */ atMs: number; canary: TimeWindow; baseline: TimeWindow };

export interface PlannedInterval {
  /** 1-based, as Orca's "Run Canary #i". */
  interval: number;
  atMs: number;
  canary: TimeWindow;
  baseline: TimeWindow;
}

/** The resolved timing of a kayentaCanary stage and every interval it will judge. */
export interface CanaryPlan {
  mode: 'realTime' | 'retrospective';
  /** Start of the analysis: the scope's startTimeIso, or the stage start in real time. */
  startMs: number;
  lifetimeMs: number;
  intervalMs: number;
  warmupMs: number;
  lookbackMs: number;
  baselineOffsetMs: number;
  /** Seconds between metric points (query_range step). */
  stepSeconds: number;
  window: 'growing' | 'sliding';
  thresholds: { pass: number; marginal: number };
  steps: PlanStep[];
  intervals: PlannedInterval[];
}

export interface PlanIssue {
  /** Dotted path in the stage, e.g. `canaryConfig.scopes[0].endTimeIso`. */
  path: string;
  message: string;
}

export type PlanResult = { ok: true; plan: CanaryPlan } | { ok: false; issues: PlanIssue[] };
