import type { KubeObject } from '../../../kubernetes/types';
import { asArray, asRecord, orList } from './weights-check';
import { TrafficError, type LocatedRoute, type RouterKind, type TrafficMirror, type TrafficRouter, type TrafficWeight } from './types';

interface Destination {
  host: string;
  subset?: string;
  port?: unknown;
}

const destinationOf = (entry: unknown): Destination => {
  const d = asRecord(asRecord(entry).destination);
  return { host: String(d.host ?? ''), ...(typeof d.subset === 'string' ? { subset: d.subset } : {}), ...(d.port !== undefined ? { port: d.port } : {}) };
};

/** A destination is named by its subset; a route without subsets splits by host. */
const labelOf = (d: Destination): string => d.subset ?? d.host;

/** "reviews" matches "reviews.shop.svc.cluster.local" (and the other way round), as Istio's short names do. */
const sameHost = (a: string, b: string): boolean => a === b || (a.split('.')[0] === b.split('.')[0] && (!a.includes('.') || !b.includes('.')));

function routeName(rule: Record<string, unknown>, index: number): string {
  return typeof rule.name === 'string' && rule.name ? rule.name : `#${index}`;
}

function locate(live: KubeObject, router: TrafficRouter): LocatedRoute {
  const routes = asArray(asRecord(live.spec).http).map(asRecord);
  const what = `VirtualService ${router.name}`;
  if (routes.length === 0) throw new TrafficError(`${what} has no http routes to set weights on`);
  const matches = routes
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => !router.route || rule.name === router.route)
    .filter(({ rule }) => !router.host || asArray(rule.route).some((r) => sameHost(destinationOf(r).host, router.host ?? '')));
  const found = matches[0];
  if (!found) {
    const names = routes.map(routeName);
    if (router.route && !routes.some((r) => r.name === router.route)) throw new TrafficError(`${what} has no http route named "${router.route}" (it has ${orList(names)})`);
    const hosts = [...new Set(routes.flatMap((r) => asArray(r.route).map((d) => destinationOf(d).host)))];
    throw new TrafficError(`${what} has no http route${router.route ? ` "${router.route}"` : ''} with destinations on host "${router.host ?? ''}" (its destinations go to ${orList(hosts)})`);
  }
  return { pointer: `/spec/http/${found.index}`, label: routeName(found.rule, found.index), rule: found.rule };
}

function snapshotOf(rule: Record<string, unknown>) {
  const route = asArray(rule.route);
  // Istio: a lone destination without a weight gets all traffic; several share what is left.
  const weights = route.map((entry) => ({ destination: labelOf(destinationOf(entry)), weight: typeof asRecord(entry).weight === 'number' ? (asRecord(entry).weight as number) : route.length === 1 ? 100 : 0 }));
  const mirrorDest = rule.mirror ? destinationOf({ destination: rule.mirror }) : undefined;
  const percentage = asRecord(rule.mirrorPercentage).value;
  const mirror: TrafficMirror | null = mirrorDest ? { destination: labelOf(mirrorDest), percentage: typeof percentage === 'number' ? percentage : 100 } : null;
  const fields: Record<string, unknown> = {};
  for (const key of ownedFields) if (rule[key] !== undefined) fields[key] = rule[key];
  return { weights, mirror, fields };
}

const ownedFields = ['route', 'mirror', 'mirrorPercentage'] as const;

async function withWeights(rule: Record<string, unknown>, weights: readonly TrafficWeight[], mirror: TrafficMirror | undefined): Promise<Record<string, unknown>> {
  const route = asArray(rule.route).map(asRecord);
  const known = route.map((entry) => labelOf(destinationOf(entry)));
  const unknown = weights.filter((w) => !known.includes(w.destination)).map((w) => w.destination);
  if (unknown.length) {
    throw new TrafficError(`The route has no destination ${orList(unknown)}; its destinations are ${orList(known)} (add the subset to the route, with weight 0, before shifting traffic to it)`);
  }
  // Destinations the stage does not name keep their place with weight 0, so the route's shape (and a later restore) is unchanged.
  const next: Record<string, unknown> = {
    ...rule,
    route: route.map((entry) => ({ ...entry, weight: weights.find((w) => w.destination === labelOf(destinationOf(entry)))?.weight ?? 0 })),
  };
  if (mirror) {
    const target = route.map(destinationOf).find((d) => labelOf(d) === mirror.destination);
    if (!target) throw new TrafficError(`Cannot mirror to "${mirror.destination}": the route has no such destination; its destinations are ${orList(known)}`);
    next.mirror = { host: target.host, ...(target.subset ? { subset: target.subset } : {}), ...(target.port !== undefined ? { port: target.port } : {}) };
    next.mirrorPercentage = { value: mirror.percentage ?? 100 };
  } else {
    // The stage states the whole desired traffic: no mirror named means none.
    delete next.mirror;
    delete next.mirrorPercentage;
  }
  return next;
}

export const virtualService: RouterKind = { resourceName: 'virtualservice.networking.istio.io', locate, snapshotOf, withWeights, ownedFields };
