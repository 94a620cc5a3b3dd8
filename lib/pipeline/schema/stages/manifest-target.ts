import { z } from 'zod';
import { isFilled, requireText } from '../../checks/required';
import type { Report } from '../../issues';
import { isExpression, type Expression } from '../expression';
import { opt, stringListSchema, text, type FieldKit } from '../fields';

const labelSelectorsSchema = z.looseObject({
  selectors: opt(
    z.array(
      z.looseObject({
        kind: text(),
        key: text(),
        values: opt(stringListSchema),
      }),
    ),
  ),
});

/**
 * How manifest stages (delete, scale, patch, undo rollout, rolling restart, find artifacts) name
 * what they act on: `mode` "static" names one object (`manifestName: "deployment foo"`), "dynamic"
 * picks from a cluster by `criteria`, "label" selects by labels. `location` is the namespace.
 */
export function manifestTargetFields<X>(k: FieldKit<X>) {
  return {
    account: text(),
    cloudProvider: opt(z.string()),
    location: opt(z.string()),
    manifestName: opt(z.string()),
    mode: k.optionalOneOf(['static', 'dynamic', 'label']),
    cluster: opt(z.string()),
    // Clouddriver's ManifestController.Criteria and Deck's StageConstants write "second_newest";
    // Foresail stores "second-newest" and reads every spelling.
    criteria: k.optionalOneOf(['newest', 'second-newest', 'oldest', 'largest', 'smallest'], { ignoreSeparators: true }),
    kind: opt(z.string()),
    kinds: opt(stringListSchema),
    labelSelectors: opt(labelSelectorsSchema),
    app: opt(z.string()),
  };
}

/** The config-mode target; run-mode stages (no expressions left) are assignable to it. */
export type ManifestTarget = z.infer<z.ZodObject<ReturnType<typeof manifestTargetFields<Expression>>, z.core.$loose>>;

const MANIFEST_NAME = /^\S+ \S+$/;

/** Clouddriver's KubernetesSelector.Kind: the label selector rows Deck writes. */
export const LABEL_SELECTOR_KINDS = ['ANY', 'EQUALS', 'NOT_EQUALS', 'CONTAINS', 'NOT_CONTAINS', 'EXISTS', 'NOT_EXISTS'] as const;
const SELECTOR_KINDS = new Set<string>(LABEL_SELECTOR_KINDS);

function checkLabelSelectors(stage: ManifestTarget, report: Report): void {
  if (!stage.kinds?.some(isFilled)) report(['kinds'], 'needs at least one kind when mode is "label"');
  const selectors = stage.labelSelectors?.selectors ?? [];
  if (selectors.length === 0) report(['labelSelectors'], 'needs at least one label selector when mode is "label"');
  selectors.forEach((selector, i) => {
    if (!SELECTOR_KINDS.has(selector.kind) && !isExpression(selector.kind)) {
      report(['labelSelectors', 'selectors', i, 'kind'], `"${selector.kind}" is not a label selector kind (${LABEL_SELECTOR_KINDS.join(', ')})`);
    }
    if (selector.kind !== 'ANY' && selector.key.trim() === '') report(['labelSelectors', 'selectors', i, 'key'], 'needs the label key to select on');
  });
}

export function checkManifestTarget(stage: ManifestTarget, report: Report, options: { allowLabel?: boolean } = {}): void {
  requireText(report, ['account'], stage.account, 'needs an account (the Kubernetes cluster to act on)');
  const mode = stage.mode ?? 'static';
  if (isExpression(mode)) return;
  if (mode === 'static') {
    if (requireText(report, ['manifestName'], stage.manifestName, 'needs a manifest name such as "deployment my-app"')) {
      const name = stage.manifestName ?? '';
      if (!isExpression(name) && !MANIFEST_NAME.test(name.trim())) {
        report(['manifestName'], 'must be "<kind> <name>", for example "deployment my-app"');
      }
    }
  } else if (mode === 'dynamic') {
    requireText(report, ['cluster'], stage.cluster, 'is required when mode is "dynamic"');
    requireText(report, ['criteria'], stage.criteria, 'is required when mode is "dynamic"');
    requireText(report, ['kind'], stage.kind, 'is required when mode is "dynamic"');
  } else if (options.allowLabel === false) {
    report(['mode'], 'label selection is not supported by this stage; use "static" or "dynamic"');
  } else {
    checkLabelSelectors(stage, report);
  }
}
