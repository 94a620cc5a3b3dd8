import type { KubeObject } from '../../../kubernetes/types';

/** Which router object, and which of its routes, a traffic change is about (the stage's `router`). */
export interface TrafficRouter {
  kind: 'VirtualService' | 'HTTPRoute';
  name: string;
  /** VirtualService: the http route whose destinations go to this host (short or full name). */
  host?: string;
  /** VirtualService http route name, or HTTPRoute rule name; default the first. */
  route?: string;
}

export interface TrafficTarget {
  namespace: string;
  router: TrafficRouter;
}

/** `destination` is a VirtualService subset (or host, when the route has no subsets) or an HTTPRoute backendRef name. */
export interface TrafficWeight {
  destination: string;
  weight: number;
}

export interface TrafficMirror {
  destination: string;
  /** Share of requests copied, 0-100; default 100. */
  percentage?: number;
}

/**
 * A route's traffic as it was: readable weights for people, plus the exact fields Foresail changes
 * (`fields`, JSON as stored; a field absent here was absent there) so a restore puts back precisely
 * what was live, defaults included.
 */
export interface TrafficSnapshot {
  kind: TrafficRouter['kind'];
  name: string;
  namespace: string;
  /** The route's name, or "#<index>" when it has none. */
  route: string;
  weights: TrafficWeight[];
  mirror: TrafficMirror | null;
  fields: Record<string, unknown>;
}

/** A traffic request that cannot be carried out as asked, in words for the stage's failure reason. */
export class TrafficError extends Error {}

/** One route of a router object: where it sits in the object, and its JSON. */
export interface LocatedRoute {
  /** JSON pointer of the route (`/spec/http/0`, `/spec/rules/1`). */
  pointer: string;
  label: string;
  rule: Record<string, unknown>;
}

/** How one router kind is read and changed; the I/O around it is shared (set-weights.ts). */
export interface RouterKind {
  /** `kind.group`, resolved through discovery to the version the cluster prefers. */
  resourceName: string;
  locate(live: KubeObject, router: TrafficRouter): LocatedRoute;
  snapshotOf(rule: Record<string, unknown>): { weights: TrafficWeight[]; mirror: TrafficMirror | null; fields: Record<string, unknown> };
  /** The route with the weights (and mirror) set; `serviceExists` answers for destinations the route does not have yet. */
  withWeights(
    rule: Record<string, unknown>,
    weights: readonly TrafficWeight[],
    mirror: TrafficMirror | undefined,
    serviceExists: (name: string) => Promise<{ port: number } | undefined>,
  ): Promise<Record<string, unknown>>;
  /** Field names of the route that `fields` of a snapshot covers (absent ones are removed on restore). */
  ownedFields: readonly string[];
}
