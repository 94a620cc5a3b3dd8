import { z } from 'zod';
import { isFilled } from '../../checks/required';
import type { Report } from '../../issues';
import { commonStageFields, manifestSchema } from '../common';
import { configKit, opt, runKit, stringListSchema, type FieldKit } from '../fields';
import { checkManifestTarget, manifestTargetFields } from './manifest-target';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('patchManifest'),
    ...manifestTargetFields(k),
    source: k.optionalOneOf(['text', 'artifact']),
    /** An object (strategic/merge patch) or a list of operations (JSON patch). */
    patchBody: opt(z.union([manifestSchema, z.array(z.unknown())], { error: 'must be an object or a list of JSON patch operations' })),
    manifestArtifactId: opt(z.string()),
    manifestArtifactAccount: opt(z.string()),
    requiredArtifactIds: opt(stringListSchema),
    options: opt(
      z.looseObject({
        mergeStrategy: k.optionalOneOf(['strategic', 'json', 'merge']),
        record: k.optionalBoolean(),
      }),
    ),
  };
}

/** Patches a live object (Orca's PatchManifestContext). */
export const patchManifestStageSchema = z.looseObject(fields(configKit));
export const patchManifestRunSchema = z.looseObject(fields(runKit));
export type PatchManifestStage = z.infer<typeof patchManifestStageSchema>;

export function checkPatchManifest(stage: PatchManifestStage, report: Report): void {
  checkManifestTarget(stage, report, { allowLabel: false });
  if (stage.source === 'artifact') {
    if (!isFilled(stage.manifestArtifactId)) report(['manifestArtifactId'], 'needs the expected artifact that holds the patch (source is "artifact")');
    return;
  }
  if (stage.source !== undefined && stage.source !== 'text') return;
  if (stage.patchBody === undefined) {
    report(['patchBody'], 'needs a patch body');
    return;
  }
  const strategy = stage.options?.mergeStrategy ?? 'strategic';
  if (strategy === 'json' && !Array.isArray(stage.patchBody)) {
    report(['patchBody'], 'must be a list of JSON patch operations when the merge strategy is "json"');
  } else if ((strategy === 'strategic' || strategy === 'merge') && Array.isArray(stage.patchBody)) {
    report(['patchBody'], `must be an object when the merge strategy is "${strategy}" (a list is a JSON patch)`);
  }
}
