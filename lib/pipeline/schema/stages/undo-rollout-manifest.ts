import { z } from 'zod';
import type { Report } from '../../issues';
import { commonStageFields } from '../common';
import { configKit, runKit, type FieldKit } from '../fields';
import { checkManifestTarget, manifestTargetFields } from './manifest-target';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('undoRolloutManifest'),
    ...manifestTargetFields(k),
    numRevisionsBack: k.optionalNumber({ integer: true, min: 1 }),
    /** The ad-hoc (Deck "undo rollout" button) form names the revision instead. */
    revision: k.optionalNumber({ integer: true, min: 0 }),
  };
}

/** Rolls a workload back a number of revisions. */
export const undoRolloutManifestStageSchema = z.looseObject(fields(configKit));
export const undoRolloutManifestRunSchema = z.looseObject(fields(runKit));
export type UndoRolloutManifestStage = z.infer<typeof undoRolloutManifestStageSchema>;

export function checkUndoRolloutManifest(stage: UndoRolloutManifestStage, report: Report): void {
  checkManifestTarget(stage, report, { allowLabel: false });
  if (stage.numRevisionsBack === undefined && stage.revision === undefined) {
    report(['numRevisionsBack'], 'needs how many revisions to roll back');
  }
}
