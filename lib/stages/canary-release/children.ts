import 'server-only';
import type { RunStageOf } from '../../pipeline';
import type { SyntheticStageDef } from '../types';
import { destinations, RELEASE_LABEL } from './workloads';

export type CanaryReleaseConfig = RunStageOf<'canaryRelease'>;

/** Orca's defaults when a canary config sets no thresholds. */
const DEFAULT_PASS = 75;
const DEFAULT_MARGINAL = 50;

export function thresholdsOf(config: CanaryReleaseConfig): { pass: number; marginal: number } {
  const t = config.canaryConfig.scoreThresholds;
  return { pass: t?.pass ?? DEFAULT_PASS, marginal: t?.marginal ?? DEFAULT_MARGINAL };
}

/** The child names the cancel routine looks for (by position the refIds would do too, but names read better in logs). */
export const childNames = {
  shift: 'Shift traffic to baseline and canary',
  analysis: 'Canary analysis',
  judge: 'Judge the marginal canary',
  promote: 'Promote the new image to production',
  restore: 'Restore traffic to production',
  remove: 'Delete baseline and canary',
  summary: 'Summarise the release',
} as const;

export function trafficContext(config: CanaryReleaseConfig, weights: { production: number; baseline: number; canary: number }): Record<string, unknown> {
  const d = destinations(config.production.name);
  return {
    account: config.account,
    namespace: config.namespace,
    router: config.router,
    weights: [
      { destination: d.production, weight: weights.production },
      { destination: d.baseline, weight: weights.baseline },
      { destination: d.canary, weight: weights.canary },
    ],
  };
}

/** Everything traffic goes back to when the release ends, whatever its outcome. */
export const RESTORED = { production: 100, baseline: 0, canary: 0 } as const;

/** What cleanup deletes: every Deployment and Service this release labelled (found by label, so nothing is missed). */
export function removalContext(config: CanaryReleaseConfig): Record<string, unknown> {
  return {
    account: config.account,
    location: config.namespace,
    mode: 'label',
    kinds: ['deployment', 'service'],
    labelSelectors: { selectors: [{ kind: 'EQUALS', key: RELEASE_LABEL, values: [config.production.name] }] },
    options: { cascading: true },
  };
}

/**
 * The analysis child. Scopes default to the copies' names in the release's namespace. With
 * `marginalAction: judge` the child only fails at or below marginal (its pass threshold is lowered
 * to marginal); whether the score reached the real pass threshold is the judgment child's condition.
 */
function analysisContext(config: CanaryReleaseConfig): Record<string, unknown> {
  const { pass, marginal } = thresholdsOf(config);
  const d = destinations(config.production.name);
  const scopes = (config.canaryConfig.scopes?.length ? config.canaryConfig.scopes : [{}]).map((s) => ({
    ...s,
    controlScope: s.controlScope || d.baseline,
    experimentScope: s.experimentScope || d.canary,
    controlLocation: s.controlLocation || config.namespace,
    experimentLocation: s.experimentLocation || config.namespace,
  }));
  const judge = config.marginalAction === 'judge';
  // The sequential judge compares count metrics with the canary's share of traffic, which the weights set.
  const { baseline, canary } = config.traffic;
  const share = baseline + canary > 0 && canary > 0 && baseline > 0 ? { canaryTrafficShare: canary / (baseline + canary) } : {};
  return { analysisType: 'realTime', canaryConfig: { ...config.canaryConfig, scopes, scoreThresholds: { pass: judge ? marginal : pass, marginal }, ...share } };
}

/**
 * What a promoted release did, in plain words, as outputs later stages can use by name. Only a
 * release that got this far promoted; the other endings are told by the failed step's reason.
 */
function summaryContext(config: CanaryReleaseConfig, parent: string, analysis: string): Record<string, unknown> {
  const { pass } = thresholdsOf(config);
  const before = `\${${parent}['productionImageBefore']}`;
  const after = `\${${parent}['newImage']}`;
  const score = `\${${analysis}['canaryScore']}`;
  return {
    variables: [
      { key: 'canaryReleaseVerdict', value: 'promoted' },
      { key: 'productionImageBefore', value: before },
      { key: 'productionImageAfter', value: after },
      { key: 'canaryScores', value: `\${${analysis}['canaryScores']}` },
      { key: 'canaryReleaseSummary', value: `Deployment ${config.production.name} now runs ${after} (was ${before}): the canary scored ${score} against a pass threshold of ${pass}; traffic is back on production and baseline and canary are deleted.` },
    ],
  };
}

/**
 * The steps after the parent's own work (which finds production and starts baseline and canary):
 * shift traffic → analyse → (judge a marginal score) → promote → restore traffic → delete the copies.
 * A failed step ends the stage; the stage's cancel routine then restores traffic and deletes the
 * copies, so the cleanup happens on every path. Each child is idempotent, so a worker crash that
 * re-runs one converges.
 */
export function canaryReleaseChildren(config: CanaryReleaseConfig): SyntheticStageDef[] {
  const ref = (i: number) => `${config.refId}>${i}`;
  const parent = `#stageByRefId('${config.refId}')['outputs']`;
  const defs: SyntheticStageDef[] = [
    { owner: 'STAGE_AFTER', type: 'trafficSplit', name: childNames.shift, context: trafficContext(config, config.traffic) },
    { owner: 'STAGE_AFTER', type: 'kayentaCanary', name: childNames.analysis, context: analysisContext(config) },
  ];
  if (config.marginalAction === 'judge') {
    const analysis = ref(defs.length);
    const { pass } = thresholdsOf(config);
    defs.push({
      owner: 'STAGE_AFTER',
      type: 'manualJudgment',
      name: childNames.judge,
      context: {
        stageEnabled: { type: 'expression', expression: `#stageByRefId('${analysis}')['outputs']['canaryScore'] < ${pass}` },
        instructions: `The canary scored between the marginal and the pass threshold (${pass}). Continue promotes the new image to production; Stop leaves production as it is. Either way baseline and canary are removed.`,
        ...(config.judgmentRoles?.length ? { selectedStageRoles: config.judgmentRoles } : {}),
      },
    });
  }
  defs.push(
    {
      owner: 'STAGE_AFTER',
      type: 'patchManifest',
      name: childNames.promote,
      context: {
        account: config.account,
        location: config.namespace,
        mode: 'static',
        manifestName: `deployment ${config.production.name}`,
        source: 'text',
        // The container and image were resolved by the parent (the image may be an artifact of the trigger).
        patchBody: { spec: { template: { spec: { containers: [{ name: `\${${parent}['productionContainer']}`, image: `\${${parent}['newImage']}` }] } } } },
        options: { mergeStrategy: 'strategic' },
      },
    },
    { owner: 'STAGE_AFTER', type: 'trafficSplit', name: childNames.restore, context: trafficContext(config, RESTORED) },
    { owner: 'STAGE_AFTER', type: 'deleteManifest', name: childNames.remove, context: removalContext(config) },
    { owner: 'STAGE_AFTER', type: 'evaluateVariables', name: childNames.summary, context: summaryContext(config, parent, `#stageByRefId('${ref(2)}')['outputs']`) },
  );
  return defs;
}
