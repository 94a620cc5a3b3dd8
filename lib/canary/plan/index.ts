/** Orca's interval plan for kayentaCanary (pure): which windows are judged, and when. */
export { planCanary, DEFAULT_THRESHOLDS, DEFAULT_STEP_SECONDS, type PlanInput } from './plan';
export { decideInterval, decideFinal, type IntervalDecision, type FinalDecision } from './decision';
export type { CanaryPlan, PlanIssue, PlanResult, PlanStep, PlannedInterval, TimeWindow } from './types';
export { canaryPlanRequestSchema, canaryPlanSchema, planFromRequest } from './request';
