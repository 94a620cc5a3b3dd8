import { z } from 'zod';
import type { Report } from '../../issues';
import { commonStageFields } from '../common';
import { configKit, runKit, type FieldKit } from '../fields';
import { checkManifestTarget, manifestTargetFields } from './manifest-target';

function fields<X, T extends 'enableManifest' | 'disableManifest'>(k: FieldKit<X>, type: T) {
  return {
    ...commonStageFields(k),
    type: z.literal(type),
    ...manifestTargetFields(k),
  };
}

/**
 * Spinnaker's Enable / Disable (Manifest): a ReplicaSet starts or stops receiving the traffic of the
 * Services named in its `traffic.spinnaker.io/load-balancers` annotation, by adding or removing those
 * Services' selector labels on its pod template and its pods. Names its target like scaleManifest.
 */
export const enableManifestStageSchema = z.looseObject(fields(configKit, 'enableManifest'));
export const enableManifestRunSchema = z.looseObject(fields(runKit, 'enableManifest'));
export const disableManifestStageSchema = z.looseObject(fields(configKit, 'disableManifest'));
export const disableManifestRunSchema = z.looseObject(fields(runKit, 'disableManifest'));
export type EnableDisableManifestStage = z.infer<typeof enableManifestStageSchema> | z.infer<typeof disableManifestStageSchema>;

export function checkEnableDisableManifest(stage: EnableDisableManifestStage, report: Report): void {
  checkManifestTarget(stage, report, { allowLabel: false });
}
