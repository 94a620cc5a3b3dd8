import { z } from 'zod';
import { requireText } from '../../checks/required';
import type { Report } from '../../issues';
import { commonStageFields } from '../common';
import { configKit, opt, runKit, text, type FieldKit } from '../fields';
import { checkWeightsTotal } from './weights';

/** Istio VirtualService or Gateway API HTTPRoute: the two routers Foresail shifts traffic on. */
export const trafficRouterKinds = ['VirtualService', 'HTTPRoute'] as const;

/**
 * The router object and which of its routes to change: for a VirtualService the http route serving
 * `host` or named `route`, for an HTTPRoute the rule named `route`; default the first. Nested because a
 * stage's own `name` is its display name.
 */
export function routerSchema<X>(k: FieldKit<X>) {
  return z.looseObject({ kind: k.oneOf(trafficRouterKinds), name: text(), host: opt(z.string()), route: opt(z.string()) });
}

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('trafficSplit'),
    account: text(),
    namespace: text(),
    router: routerSchema(k),
    /** Destination is a VirtualService subset name or an HTTPRoute backendRef name. */
    weights: z.array(z.looseObject({ destination: text(), weight: k.number({ integer: true, min: 0, max: 100 }) })),
    mirror: opt(z.looseObject({ destination: text(), percentage: k.optionalNumber({ min: 0, max: 100 }) })),
  };
}

/** Foresail's own: sets route weights (and optional mirroring) on a VirtualService or HTTPRoute. */
export const trafficSplitStageSchema = z.looseObject(fields(configKit));
export const trafficSplitRunSchema = z.looseObject(fields(runKit));
export type TrafficSplitStage = z.infer<typeof trafficSplitStageSchema>;

export function checkTrafficSplit(stage: TrafficSplitStage, report: Report): void {
  requireText(report, ['account'], stage.account, 'needs an account (the Kubernetes cluster of the router)');
  requireText(report, ['namespace'], stage.namespace);
  requireText(report, ['router', 'name'], stage.router.name, 'needs the name of the VirtualService or HTTPRoute');
  if (stage.weights.length === 0) {
    report(['weights'], 'needs at least one destination and weight');
    return;
  }
  const seen = new Set<string>();
  stage.weights.forEach((entry, i) => {
    if (requireText(report, ['weights', i, 'destination'], entry.destination) && seen.has(entry.destination)) {
      report(['weights', i, 'destination'], `"${entry.destination}" is listed twice`);
    }
    seen.add(entry.destination);
  });
  checkWeightsTotal(report, ['weights'], stage.weights.map((entry) => entry.weight));
  if (stage.mirror) requireText(report, ['mirror', 'destination'], stage.mirror.destination, 'needs the destination to mirror to');
}
