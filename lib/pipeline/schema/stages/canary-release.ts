import { z } from 'zod';
import { requireText } from '../../checks/required';
import { scopeReport, type Report } from '../../issues';
import { artifactSchema } from '../artifacts';
import { canaryConfigSchema, checkCanaryConfig } from '../canary-config';
import { commonStageFields } from '../common';
import { configKit, opt, runKit, stringListSchema, text, type FieldKit } from '../fields';
import { routerSchema } from './traffic-split';
import { checkWeightsTotal } from './weights';

function fields<X>(k: FieldKit<X>) {
  const weight = () => k.number({ integer: true, min: 0, max: 100 });
  return {
    ...commonStageFields(k),
    type: z.literal('canaryRelease'),
    account: text(),
    namespace: text(),
    /** The workload now serving production; baseline copies it, canary runs the new image. */
    production: z.looseObject({ kind: k.optionalOneOf(['Deployment']), name: text(), container: opt(z.string()) }),
    /** The new image: a reference such as `registry/app:1.2.3`, or an expected artifact. */
    image: z.union([z.string(), z.looseObject({ expectedArtifactId: opt(z.string()), artifact: opt(artifactSchema) })], {
      error: 'must be an image reference or {expectedArtifactId} / {artifact}',
    }),
    /** Replicas for each of baseline and canary (default 1). */
    replicas: k.optionalNumber({ integer: true, min: 1 }),
    traffic: z.looseObject({ production: weight(), baseline: weight(), canary: weight() }),
    /** Where traffic is shifted between production, baseline and canary. */
    router: routerSchema(k),
    canaryConfig: canaryConfigSchema(k),
    /** What a marginal score does: fail the release, or ask for a manual judgment. Default fail. */
    marginalAction: k.optionalOneOf(['fail', 'judge']),
    judgmentRoles: opt(stringListSchema),
  };
}

/**
 * Foresail's own: the whole canary flow in one stage (find the production image, deploy baseline +
 * canary, shift traffic, analyse, promote or not, always clean up). It expands into synthetic stages.
 */
export const canaryReleaseStageSchema = z.looseObject(fields(configKit));
export const canaryReleaseRunSchema = z.looseObject(fields(runKit));
export type CanaryReleaseStage = z.infer<typeof canaryReleaseStageSchema>;

export function checkCanaryRelease(stage: CanaryReleaseStage, report: Report): void {
  requireText(report, ['account'], stage.account, 'needs an account (the Kubernetes cluster to release in)');
  requireText(report, ['namespace'], stage.namespace);
  requireText(report, ['production', 'name'], stage.production.name, 'needs the name of the production workload');
  requireText(report, ['router', 'name'], stage.router.name, 'needs the name of the VirtualService or HTTPRoute that routes the traffic');
  if (typeof stage.image === 'string') requireText(report, ['image'], stage.image, 'needs the new image to release');
  else if (!stage.image.expectedArtifactId && !stage.image.artifact) report(['image'], 'needs the new image: an expected artifact id or an artifact');
  const { production, baseline, canary } = stage.traffic;
  checkWeightsTotal(report, ['traffic'], [production, baseline, canary]);
  if (typeof baseline === 'number' && typeof canary === 'number' && baseline !== canary) {
    report(['traffic', 'canary'], 'baseline and canary should get the same share of traffic, or the comparison is skewed', 'warning');
  }
  checkCanaryConfig(stage.canaryConfig, 'realTime', scopeReport(report, ['canaryConfig']));
  if (stage.marginalAction === 'judge' && !stage.judgmentRoles?.length) {
    report(['judgmentRoles'], 'names no roles, so anyone who may run the pipeline can judge a marginal result', 'warning');
  }
}
