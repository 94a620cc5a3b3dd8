import { z } from 'zod';
import type { Report } from '../../issues';
import { expectedArtifactsField } from '../artifacts';
import { commonStageFields } from '../common';
import { configKit, runKit, type FieldKit } from '../fields';
import { checkManifestTarget, manifestTargetFields } from './manifest-target';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('findArtifactsFromResource'),
    ...manifestTargetFields(k),
    expectedArtifacts: expectedArtifactsField(),
  };
}

/** Reads a live object and outputs the artifacts it uses (typically the deployed image). */
export const findArtifactsFromResourceStageSchema = z.looseObject(fields(configKit));
export const findArtifactsFromResourceRunSchema = z.looseObject(fields(runKit));
export type FindArtifactsFromResourceStage = z.infer<typeof findArtifactsFromResourceStageSchema>;

export function checkFindArtifactsFromResource(stage: FindArtifactsFromResourceStage, report: Report): void {
  checkManifestTarget(stage, report, { allowLabel: false });
}
