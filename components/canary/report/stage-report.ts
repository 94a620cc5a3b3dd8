import type { StageDto } from '@/lib/pipeline/execution';
import { intervalsFromOutputs, type ReportInterval } from './report-types';

export interface StageReport {
  intervals: ReportInterval[];
  thresholds: { pass: number; marginal: number };
  plannedIntervals: number | undefined;
  controlScope: string | undefined;
  experimentScope: string | undefined;
  configName: string | undefined;
  stoppedEarly: { interval: number; of: number } | undefined;
}

const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback);

/** What a kayentaCanary stage's context and outputs say about its analysis, read defensively (stored JSON). */
export function stageReport(stage: Pick<StageDto, 'context' | 'outputs'>): StageReport {
  const intervals = intervalsFromOutputs(stage.outputs);
  const plan = record(stage.outputs.canaryPlan);
  const canaryConfig = record(stage.context.canaryConfig);
  const scope = record(Array.isArray(canaryConfig.scopes) ? canaryConfig.scopes[0] : undefined);
  const planThresholds = record(plan.thresholds);
  const stageThresholds = record(canaryConfig.scoreThresholds);
  const fromResult = intervals[0]?.result.thresholds;
  return {
    intervals,
    thresholds: { pass: num(planThresholds.pass ?? fromResult?.pass ?? stageThresholds.pass, 95), marginal: num(planThresholds.marginal ?? fromResult?.marginal ?? stageThresholds.marginal, 75) },
    plannedIntervals: Array.isArray(plan.intervals) ? plan.intervals.length : undefined,
    controlScope: text(scope.controlScope),
    experimentScope: text(scope.experimentScope),
    configName: text(canaryConfig.canaryConfigName) ?? text(canaryConfig.canaryConfigId) ?? text(record(canaryConfig.canaryConfig).name),
    stoppedEarly: stoppedEarlyOf(stage.outputs.canaryStoppedEarly),
  };
}

export const canaryReportHref = (application: string, executionId: string, stageId: string) =>
  `/applications/${encodeURIComponent(application)}/executions/${encodeURIComponent(executionId)}/canary/${encodeURIComponent(stageId)}`;

function stoppedEarlyOf(v: unknown): { interval: number; of: number } | undefined {
  const r = record(v);
  return typeof r.interval === 'number' && typeof r.of === 'number' ? { interval: r.interval, of: r.of } : undefined;
}
