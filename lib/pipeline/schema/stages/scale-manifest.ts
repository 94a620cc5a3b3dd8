import { z } from 'zod';
import type { Report } from '../../issues';
import { commonStageFields } from '../common';
import { configKit, runKit, type FieldKit } from '../fields';
import { checkManifestTarget, manifestTargetFields } from './manifest-target';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('scaleManifest'),
    ...manifestTargetFields(k),
    /** Often SpEL (`${#toInt(parameters.replicas)}`). */
    replicas: k.number({ integer: true, min: 0 }),
  };
}

/** Sets the replica count of a workload. */
export const scaleManifestStageSchema = z.looseObject(fields(configKit));
export const scaleManifestRunSchema = z.looseObject(fields(runKit));
export type ScaleManifestStage = z.infer<typeof scaleManifestStageSchema>;

export function checkScaleManifest(stage: ScaleManifestStage, report: Report): void {
  checkManifestTarget(stage, report, { allowLabel: false });
}
