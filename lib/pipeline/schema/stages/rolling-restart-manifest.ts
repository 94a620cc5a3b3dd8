import { z } from 'zod';
import type { Report } from '../../issues';
import { commonStageFields } from '../common';
import { configKit, runKit, type FieldKit } from '../fields';
import { checkManifestTarget, manifestTargetFields } from './manifest-target';

function fields<X>(k: FieldKit<X>) {
  return { ...commonStageFields(k), type: z.literal('rollingRestartManifest'), ...manifestTargetFields(k) };
}

/** Restarts a workload's pods in a rolling fashion (kubectl rollout restart). */
export const rollingRestartManifestStageSchema = z.looseObject(fields(configKit));
export const rollingRestartManifestRunSchema = z.looseObject(fields(runKit));
export type RollingRestartManifestStage = z.infer<typeof rollingRestartManifestStageSchema>;

export function checkRollingRestartManifest(stage: RollingRestartManifestStage, report: Report): void {
  checkManifestTarget(stage, report, { allowLabel: false });
}
