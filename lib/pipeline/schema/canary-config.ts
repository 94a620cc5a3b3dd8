import { z } from 'zod';
import { MAX_CANARY_LIFETIME_HOURS, MAX_CANARY_MINUTES, intervalCountProblem, lifetimeProblem } from '../canary-limits';
import { isFilled } from '../checks/required';
import { parseIsoDuration } from '../duration';
import { scopeReport, type Report } from '../issues';
import { isExpression, type Expression } from './expression';
import { opt, type FieldKit } from './fields';

/**
 * Kayenta's canaryConfig block (kayentaCanary, and the analysis part of canaryRelease). Real exports
 * write its numbers as strings ("5", "75") and sometimes `scoreThresholds: null` or empty strings;
 * absent thresholds mean Orca's defaults (pass 75, marginal 50).
 */
export function canaryConfigSchema<X>(k: FieldKit<X>) {
  // Bounded so a saved stage cannot make the worker build an unbounded plan (lib/pipeline/canary-limits).
  const minutes = () => k.optionalNumber({ min: 0, max: MAX_CANARY_MINUTES });
  return z.looseObject({
    canaryConfigId: opt(z.string()),
    canaryConfigName: opt(z.string()),
    metricsAccountName: opt(z.string()),
    storageAccountName: opt(z.string()),
    configurationAccountName: opt(z.string()),
    /** ISO-8601 (`PT0H5M`); older exports use lifetimeHours. */
    lifetimeDuration: opt(z.string()),
    lifetimeHours: k.optionalNumber({ min: 0, max: MAX_CANARY_LIFETIME_HOURS }),
    beginCanaryAnalysisAfterMins: minutes(),
    baselineAnalysisOffsetInMins: minutes(),
    lookbackMins: minutes(),
    canaryAnalysisIntervalMins: minutes(),
    scoreThresholds: opt(
      z.looseObject({
        pass: k.optionalNumber({ min: 0, max: 100 }),
        marginal: k.optionalNumber({ min: 0, max: 100 }),
      }),
    ),
    scopes: opt(
      z.array(
        z.looseObject({
          scopeName: opt(z.string()),
          controlScope: opt(z.string()),
          controlLocation: opt(z.string()),
          experimentScope: opt(z.string()),
          experimentLocation: opt(z.string()),
          startTimeIso: opt(z.string()),
          endTimeIso: opt(z.string()),
          /** Seconds between metric samples (default 60). */
          step: k.optionalNumber({ integer: true, min: 1 }),
          extendedScopeParams: opt(z.record(z.string(), z.unknown())),
        }),
      ),
    ),
    combinedCanaryResultStrategy: opt(z.string()),
  });
}

export type CanaryConfig = z.infer<ReturnType<typeof canaryConfigSchema<Expression>>>;

/** `analysisType` decides whether the analysis runs live (needs a lifetime) or over a past window (needs times). */
export function checkCanaryConfig(config: CanaryConfig, analysisType: string, report: Report): void {
  if (!isFilled(config.canaryConfigId) && !isFilled(config.canaryConfigName)) {
    report(['canaryConfigId'], 'needs the canary config to judge with (canaryConfigId)');
  }
  const { pass, marginal } = config.scoreThresholds ?? {};
  if (typeof pass === 'number' && typeof marginal === 'number' && marginal > pass) {
    report(['scoreThresholds', 'marginal'], `the marginal threshold (${marginal}) must not be above the pass threshold (${pass})`);
  }
  const retrospective = analysisType === 'retrospective';
  if (!retrospective && !isExpression(analysisType)) {
    let lifetimeMs: number | undefined;
    if (isFilled(config.lifetimeDuration)) {
      const duration = config.lifetimeDuration;
      lifetimeMs = isExpression(duration) ? undefined : parseIsoDuration(duration);
      if (!isExpression(duration) && lifetimeMs === undefined) report(['lifetimeDuration'], 'must be an ISO-8601 duration such as "PT1H" or "PT0H30M"');
      const tooLong = lifetimeMs === undefined ? undefined : lifetimeProblem(lifetimeMs);
      if (tooLong) report(['lifetimeDuration'], tooLong);
    } else if (config.lifetimeHours === undefined) {
      report(['lifetimeDuration'], 'needs how long the canary analysis runs (for example "PT1H")');
    } else if (typeof config.lifetimeHours === 'number') {
      lifetimeMs = config.lifetimeHours * 3_600_000;
    }
    const interval = config.canaryAnalysisIntervalMins;
    const tooMany = lifetimeMs !== undefined && typeof interval === 'number' && !lifetimeProblem(lifetimeMs) ? intervalCountProblem(lifetimeMs, interval * 60_000) : undefined;
    if (tooMany) report(['canaryAnalysisIntervalMins'], tooMany);
  }
  if (!config.scopes?.length) {
    report(['scopes'], 'needs at least one scope naming the baseline (control) and canary (experiment)');
    return;
  }
  config.scopes.forEach((scope, i) => {
    const at = scopeReport(report, ['scopes', i]);
    if (!isFilled(scope.controlScope)) at(['controlScope'], 'needs the baseline (control) scope');
    if (!isFilled(scope.experimentScope)) at(['experimentScope'], 'needs the canary (experiment) scope');
    if (retrospective) {
      if (!isFilled(scope.startTimeIso)) at(['startTimeIso'], 'needs a start time for a retrospective analysis');
      if (!isFilled(scope.endTimeIso)) at(['endTimeIso'], 'needs an end time for a retrospective analysis');
    }
  });
}
