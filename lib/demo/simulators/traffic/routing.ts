/**
 * Where the simulated requests go, as Istio routes them: the VirtualService's route to the service
 * splits traffic by weight between DestinationRule subsets; each subset's share is spread evenly over
 * its ready pods. Pure: the simulator passes in what it read from the cluster.
 */

export interface PodInfo {
  name: string;
  labels: Record<string, string>;
  /** The owning Deployment (Istio's destination_workload). */
  workload: string;
  image: string;
  ready: boolean;
  /** The pod's `sidecar.istio.io/statsHistogramBuckets` annotation, if any. */
  bucketsAnnotation?: string;
}

export interface RouteWeight {
  /** A DestinationRule subset, or undefined for the whole service. */
  subset?: string;
  weight: number;
}

/** A pod and the requests per second it receives. */
export interface PodLoad {
  pod: PodInfo;
  rps: number;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Loose[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** The weighted destinations of the http route that serves `host` (its first route when none names it). */
export function routeWeights(virtualService: unknown, host: string): RouteWeight[] {
  const spec = isObject(virtualService) && isObject(virtualService.spec) ? virtualService.spec : {};
  const routes = list(spec.http);
  const servesHost = (r: Loose) => list(r.route).some((d) => isObject(d.destination) && String(d.destination.host ?? '').split('.')[0] === host);
  const chosen = routes.find(servesHost) ?? routes[0];
  const destinations = list(chosen?.route);
  // A route with one destination and no weight sends it everything.
  return destinations.map((d) => {
    const destination = isObject(d.destination) ? d.destination : {};
    const weight = typeof d.weight === 'number' ? d.weight : destinations.length === 1 ? 100 : 0;
    return { ...(typeof destination.subset === 'string' ? { subset: destination.subset } : {}), weight };
  });
}

/** Subset name → the labels its pods carry (DestinationRule subsets). */
export function subsetLabels(destinationRule: unknown): Map<string, Record<string, string>> {
  const spec = isObject(destinationRule) && isObject(destinationRule.spec) ? destinationRule.spec : {};
  const subsets = new Map<string, Record<string, string>>();
  for (const s of list(spec.subsets)) {
    if (typeof s.name !== 'string') continue;
    const labels = isObject(s.labels) ? Object.fromEntries(Object.entries(s.labels).map(([k, v]) => [k, String(v)])) : {};
    subsets.set(s.name, labels);
  }
  return subsets;
}

const matches = (pod: PodInfo, labels: Record<string, string>) => Object.entries(labels).every(([k, v]) => pod.labels[k] === v);

/**
 * Requests per second per ready pod for `totalRps` sent to the service. A subset without ready pods
 * loses its share (Envoy would answer 503 "no healthy upstream"; the simulator leaves those out).
 */
export function podLoads(totalRps: number, weights: readonly RouteWeight[], subsets: ReadonlyMap<string, Record<string, string>>, pods: readonly PodInfo[], serviceSelector: Record<string, string>): PodLoad[] {
  const total = weights.reduce((sum, w) => sum + Math.max(0, w.weight), 0);
  if (total <= 0) return [];
  const loads: PodLoad[] = [];
  for (const { subset, weight } of weights) {
    if (weight <= 0) continue;
    const labels = subset === undefined ? serviceSelector : subsets.get(subset);
    if (!labels) continue;
    const members = pods.filter((p) => p.ready && matches(p, serviceSelector) && matches(p, labels));
    for (const pod of members) loads.push({ pod, rps: (totalRps * weight) / total / members.length });
  }
  return loads;
}
