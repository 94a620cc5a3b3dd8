/**
 * The kayentaCanary stage as its integration tests run it: one realTime stage (refId `c`) judging
 * scope `canary` against `baseline` from `start`, on metrics account `metrics` unless told.
 */
export interface TestCanaryStage {
  canaryConfig: Record<string, unknown>;
  /** When the first interval starts (ms). */
  start: number;
  lifetimeDuration: string;
  canaryAnalysisIntervalMins: string;
  scoreThresholds?: { pass: string; marginal: string };
  metricsAccountName?: string;
  /** Labels the metric queries select on (`${run}`, `${case}`…). */
  scopeParams: Record<string, string>;
}

export function canaryPipeline(stage: TestCanaryStage) {
  return {
    stages: [
      {
        refId: 'c',
        requisiteStageRefIds: [],
        type: 'kayentaCanary',
        name: 'Canary analysis',
        analysisType: 'realTime',
        canaryConfig: {
          canaryConfigName: 'inline',
          metricsAccountName: stage.metricsAccountName ?? 'metrics',
          lifetimeDuration: stage.lifetimeDuration,
          canaryAnalysisIntervalMins: stage.canaryAnalysisIntervalMins,
          scoreThresholds: stage.scoreThresholds ?? { pass: '75', marginal: '50' },
          scopes: [{ controlScope: 'baseline', experimentScope: 'canary', startTimeIso: new Date(stage.start).toISOString(), step: 1, extendedScopeParams: stage.scopeParams }],
          canaryConfig: stage.canaryConfig,
        },
      },
    ],
  };
}
