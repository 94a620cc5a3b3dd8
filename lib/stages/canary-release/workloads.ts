import 'server-only';
import type { KubeObject } from '../../kubernetes/types';

export type Track = 'baseline' | 'canary';

/** Label that tells the router's subsets (and the metrics) which copy a pod belongs to. */
export const TRACK_LABEL = 'track';
/** Marks what a canaryRelease created, so a person can find leftovers with one selector. */
export const RELEASE_LABEL = 'foresail.io/canary-release';

/** The names of the copies: derived from production, so every step (and the cleanup) finds them without stored state. */
export const copyName = (production: string, track: Track): string => `${production}-${track}`;

/** The router destinations (VirtualService subsets or HTTPRoute backend Services) of the three workloads. */
export function destinations(production: string): { production: string; baseline: string; canary: string } {
  return { production, baseline: copyName(production, 'baseline'), canary: copyName(production, 'canary') };
}

interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: { name: string; image?: string }[] } & Record<string, unknown>;
}
interface DeploymentSpec {
  selector?: { matchLabels?: Record<string, string> };
  template?: PodTemplate;
}

const specOf = (obj: KubeObject): DeploymentSpec => (obj.spec ?? {}) as DeploymentSpec;

/** The container a release changes: the named one, else the first. Undefined when there is none. */
export function targetContainer(production: KubeObject, name: string | undefined): { name: string; image: string | undefined } | undefined {
  const containers = specOf(production).template?.spec?.containers ?? [];
  const found = name ? containers.find((c) => c.name === name) : containers[0];
  return found ? { name: found.name, image: found.image } : undefined;
}

/**
 * A baseline or canary Deployment: production's pod template (same ports, env, probes), `replicas`
 * copies, its own name, and `track` added to the selector and pod labels so the router and the
 * metrics can tell the copies apart. Only the target container's image differs between the two.
 */
export function copyOf(production: KubeObject, input: { track: Track; replicas: number; container: string; image: string }): KubeObject {
  const name = production.metadata?.name ?? '';
  const spec = specOf(production);
  const template = spec.template ?? {};
  const selector = { ...(spec.selector?.matchLabels ?? {}), [TRACK_LABEL]: input.track };
  const labels = { ...(template.metadata?.labels ?? {}), ...selector, [RELEASE_LABEL]: name };
  const containers = (template.spec?.containers ?? []).map((c) => (c.name === input.container ? { ...c, image: input.image } : c));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: copyName(name, input.track), labels: { [RELEASE_LABEL]: name, [TRACK_LABEL]: input.track } },
    spec: {
      replicas: input.replicas,
      selector: { matchLabels: selector },
      template: { metadata: { labels, ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}) }, spec: { ...template.spec, containers } },
    },
  };
}

interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: Record<string, unknown>[];
  type?: string;
}

/**
 * A Service for a copy, when production has a Service of its own name: an HTTPRoute's backends are
 * Services, so the route can only weigh baseline and canary if each has one. Plain ClusterIP, same ports.
 */
export function serviceCopyOf(productionService: KubeObject, track: Track): KubeObject {
  const name = productionService.metadata?.name ?? '';
  const spec = (productionService.spec ?? {}) as ServiceSpec;
  const ports = (spec.ports ?? []).map(({ nodePort: _n, ...port }) => port);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: copyName(name, track), labels: { [RELEASE_LABEL]: name, [TRACK_LABEL]: track } },
    spec: { selector: { ...(spec.selector ?? {}), [TRACK_LABEL]: track }, ports },
  };
}
