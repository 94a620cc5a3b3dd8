import { z } from 'zod';
import type { Report } from '../../issues';
import { commonStageFields } from '../common';
import { configKit, runKit, opt, type FieldKit } from '../fields';
import { checkManifestTarget, manifestTargetFields } from './manifest-target';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('deleteManifest'),
    ...manifestTargetFields(k),
    options: opt(
      z.looseObject({
        cascading: k.optionalBoolean(),
        gracePeriodSeconds: k.optionalNumber({ integer: true, min: 0 }),
      }),
    ),
  };
}

/** Deletes Kubernetes objects named statically, picked from a cluster, or selected by labels. */
export const deleteManifestStageSchema = z.looseObject(fields(configKit));
export const deleteManifestRunSchema = z.looseObject(fields(runKit));
export type DeleteManifestStage = z.infer<typeof deleteManifestStageSchema>;

export function checkDeleteManifest(stage: DeleteManifestStage, report: Report): void {
  checkManifestTarget(stage, report);
}
