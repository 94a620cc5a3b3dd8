import 'server-only';
import { decideFinal, decideInterval, planCanary, type CanaryPlan } from '../../canary/plan';
import { task } from '../tasks';
import type { PrometheusEndpoint } from '../../canary/prometheus';
import type { StageHandler, StageResult, StageServices, TaskProgress } from '../types';
import { findStageCanaryConfig } from './config-source';
import { judgeInterval, type IntervalRecord } from './interval';
import { failureReason } from './reason';

export interface KayentaCanaryState {
  plan: CanaryPlan;
  /** Summary score of each judged interval, in order. */
  scores: number[];
}

function progress(plan: CanaryPlan, done: number, failed = false): TaskProgress[] {
  return plan.intervals.map((i) => task(`Run Canary #${i.interval}`, i.interval <= done ? (failed && i.interval === done ? 'TERMINAL' : 'SUCCEEDED') : i.interval === done + 1 && !failed ? 'RUNNING' : 'NOT_STARTED'));
}

const planOutputs = (plan: CanaryPlan) => ({ canaryPlan: plan });

/**
 * Kayenta's canary analysis in one stage (Orca's kayentaCanary): plans the intervals, sleeps until
 * each interval's window has ended (`waiting` + `wakeAtMs`, no polling), queries Prometheus for the
 * baseline and canary scopes, judges, and stores every interval's full result in the outputs
 * (`canaryIntervals`) as it completes. An interval at or below marginal fails the stage at once;
 * the last interval's score must reach pass.
 */
export const kayentaCanary: StageHandler<'kayentaCanary', KayentaCanaryState> = {
  type: 'kayentaCanary',
  async run({ stage, state, execution, services, now }) {
    const config = stage.config.canaryConfig;
    let current = state;
    if (!current) {
      const planned = planCanary({ analysisType: stage.config.analysisType, canaryConfig: config }, stage.startTime ?? now());
      if (!planned.ok) {
        return { status: 'failed', reason: `The canary analysis cannot be planned: ${planned.issues.map((i) => `${i.path} ${i.message}`).join('; ')}` };
      }
      // A run that may not use the metrics account is told so now, not when the first interval ends (maybe hours later).
      const account = await metricsAccountOf(services, config.metricsAccountName);
      if ('error' in account) return { status: 'failed', reason: account.error };
      current = { plan: planned.plan, scores: [] };
    }
    const { plan } = current;
    const next = plan.intervals[current.scores.length];
    if (!next) return { status: 'failed', reason: 'The canary analysis has no interval left to run' };
    if (now() < next.atMs) {
      return { status: 'waiting', state: current, wakeAtMs: next.atMs, tasks: progress(plan, current.scores.length), outputs: planOutputs(plan) };
    }

    const scope = config.scopes?.[0];
    if (!scope?.controlScope || !scope.experimentScope) return { status: 'failed', reason: 'The stage needs a baseline (controlScope) and a canary (experimentScope) scope' };
    const found = await findStageCanaryConfig(services, execution.application, config);
    if ('error' in found) return { status: 'failed', reason: found.error };
    const account = await metricsAccountOf(services, config.metricsAccountName);
    if ('error' in account) return { status: 'failed', reason: account.error };
    const previous = Array.isArray(stage.outputs.canaryIntervals) ? (stage.outputs.canaryIntervals as IntervalRecord[]) : [];
    const earlier = previous.filter((r) => r.interval < next.interval);
    const record = await judgeInterval({
      endpoint: account.endpoint,
      config: found.config,
      scopes: { controlScope: scope.controlScope, controlLocation: scope.controlLocation, experimentScope: scope.experimentScope, experimentLocation: scope.experimentLocation, extendedScopeParams: scope.extendedScopeParams },
      interval: next,
      stepSeconds: plan.stepSeconds,
      thresholds: plan.thresholds,
      nowMs: now(),
      // The sequential judge continues from the interval before (its state travels in the record).
      previous: earlier[earlier.length - 1],
      canaryTrafficShare: trafficShareOf(config),
    });
    const scores = [...current.scores, record.result.score.score];
    const intervals = [...earlier, record];
    const outputs: Record<string, unknown> = { ...planOutputs(plan), canaryIntervals: intervals, canaryScores: scores, canaryScore: record.result.score.score, lastUpdated: now() };
    const n = plan.intervals.length;

    const early = decideInterval(record.result.score.score, record.interval, plan.thresholds);
    if (!early.proceed) {
      const stopped = record.interval < n ? { canaryStoppedEarly: { interval: record.interval, of: n } } : {};
      // Kayenta-mode reasons stay word for word as they were; the sequential judge says how far it got.
      const reason = record.interval < n && record.result.sequential ? `${early.reason} (interval ${record.interval} of ${n})` : early.reason;
      return failed(reason, record, { ...outputs, ...stopped }, progress(plan, scores.length, true));
    }
    if (scores.length < n) {
      const following = plan.intervals[scores.length];
      const result: StageResult<KayentaCanaryState> = { status: 'waiting', state: { plan, scores }, wakeAtMs: following?.atMs ?? now(), tasks: progress(plan, scores.length), outputs };
      return result;
    }
    const final = decideFinal(record.result.score.score, plan.thresholds);
    if (!final.passed) return failed(final.reason, record, outputs, progress(plan, scores.length, true));
    return { status: 'succeeded', outputs, tasks: progress(plan, scores.length) };
  },
};

/** The metrics account, or why this run may not use it (unknown, or the run's roles lack READ on it). */
async function metricsAccountOf(services: StageServices, name: string | undefined): Promise<{ endpoint: PrometheusEndpoint } | { error: string }> {
  try {
    return { endpoint: await services.prometheusAccount(name) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

function failed(decision: string, record: IntervalRecord, outputs: Record<string, unknown>, tasks: TaskProgress[]): StageResult<KayentaCanaryState> {
  const { reason, details } = failureReason(decision, record.result);
  return { status: 'failed', reason, details, outputs, tasks };
}

/** canaryRelease passes the canary's share of canary + baseline traffic from its weights (foresail-v1 count metrics). */
function trafficShareOf(config: Record<string, unknown>): number | undefined {
  const share = config.canaryTrafficShare;
  return typeof share === 'number' && share > 0 && share < 1 ? share : undefined;
}
