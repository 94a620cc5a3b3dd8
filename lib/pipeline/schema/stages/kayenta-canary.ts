import { z } from 'zod';
import { scopeReport, type Report } from '../../issues';
import { canaryConfigSchema, checkCanaryConfig } from '../canary-config';
import { commonStageFields } from '../common';
import { configKit, opt, runKit, type FieldKit } from '../fields';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('kayentaCanary'),
    analysisType: k.optionalOneOf(['realTime', 'realTimeAutomatic', 'retrospective']),
    canaryConfig: canaryConfigSchema(k),
    /** realTimeAutomatic: the baseline/canary server groups Orca deploys and cleans up. */
    deployments: opt(
      z.looseObject({
        baseline: opt(z.record(z.string(), z.unknown())),
        serverGroupPairs: opt(z.array(z.record(z.string(), z.unknown()))),
        delayBeforeCleanup: k.optionalNumber({ min: 0 }),
      }),
    ),
  };
}

/** Compares canary and baseline metrics over intervals and scores the canary (Kayenta). */
export const kayentaCanaryStageSchema = z.looseObject(fields(configKit));
export const kayentaCanaryRunSchema = z.looseObject(fields(runKit));
export type KayentaCanaryStage = z.infer<typeof kayentaCanaryStageSchema>;

export function checkKayentaCanary(stage: KayentaCanaryStage, report: Report): void {
  const analysisType = stage.analysisType ?? 'realTime';
  checkCanaryConfig(stage.canaryConfig, analysisType, scopeReport(report, ['canaryConfig']));
  if (analysisType === 'realTimeAutomatic' && !stage.deployments?.serverGroupPairs?.length) {
    report(['deployments', 'serverGroupPairs'], 'needs the baseline and canary server groups to deploy (analysisType is "realTimeAutomatic")');
  }
}
