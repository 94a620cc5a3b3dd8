/**
 * What a Kubernetes stage touched, read from its context (what it was asked to do) and outputs (what
 * it did). Shared by the stage's Kubernetes tab and the route that reads those objects' live state.
 * Pure and isomorphic. Output keys follow Spinnaker's (`outputs.manifests`,
 * `outputs.manifestNamesByNamespace`, `deploy.jobs`, `deploy.account.name`).
 */

export const kubernetesStageTypes = [
  'deployManifest',
  'deleteManifest',
  'scaleManifest',
  'patchManifest',
  'undoRolloutManifest',
  'rollingRestartManifest',
  'findArtifactsFromResource',
  'enableManifest',
  'disableManifest',
  'runJobManifest',
  'trafficSplit',
] as const;

/** One object; `apiVersion` is absent when the stage recorded only "kind name" (resolved by discovery). */
export interface StageResource {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface TrafficWeight {
  destination: string;
  weight: number;
}

/** One changed path between the live object before the apply and what was applied. */
export interface ManifestChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface ManifestDiff {
  resource: StageResource;
  /** True when nothing by that name existed before the apply. */
  created: boolean;
  changes: ManifestChange[];
  /** More changes than were stored. */
  truncated: boolean;
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export const isKubernetesStageType = (type: string): boolean => (kubernetesStageTypes as readonly string[]).includes(type);

/** The account a stage ran against: its own config first, then what it reported. */
export function stageAccount(context: Dict, outputs: Dict): string | undefined {
  return str(context.account) ?? str(context.credentials) ?? str(outputs['deploy.account.name']);
}

function resourceOf(obj: unknown): StageResource | undefined {
  if (!isDict(obj) || !isDict(obj.metadata)) return undefined;
  const kind = str(obj.kind);
  const name = str(obj.metadata.name);
  if (!kind || !name) return undefined;
  const namespace = str(obj.metadata.namespace);
  const apiVersion = str(obj.apiVersion);
  return { ...(apiVersion ? { apiVersion } : {}), kind, name, ...(namespace ? { namespace } : {}) };
}

/** `{ "shop": ["deployment web"] }` → resources. */
function fromNamesByNamespace(value: unknown): StageResource[] {
  if (!isDict(value)) return [];
  return Object.entries(value).flatMap(([namespace, names]) =>
    (Array.isArray(names) ? names : []).flatMap((entry): StageResource[] => {
      const [kind, name, ...rest] = String(entry).trim().split(/\s+/);
      return kind && name && rest.length === 0 ? [{ kind, name, ...(namespace ? { namespace } : {}) }] : [];
    }),
  );
}

/** The applied objects as the cluster stored them (deploy) or read them (find artifacts). */
export function appliedManifests(outputs: Dict): Dict[] {
  const list = outputs['outputs.manifests'] ?? outputs.manifests;
  if (Array.isArray(list)) return list.filter(isDict);
  return isDict(outputs.manifest) ? [outputs.manifest] : [];
}

/** The stage's target when it has not reported one yet: `manifestName: "deployment web"` in `location`. */
function fromTarget(context: Dict): StageResource[] {
  const [kind, name, ...rest] = (str(context.manifestName) ?? '').trim().split(/\s+/);
  if (!kind || !name || rest.length) return [];
  const namespace = str(context.location);
  return [{ kind, name, ...(namespace ? { namespace } : {}) }];
}

const key = (r: StageResource) => `${r.kind.toLowerCase()}/${r.namespace ?? ''}/${r.name}`;

/** Every object the stage touched (or will touch), without duplicates, in the order it reported them. */
export function stageResources(type: string, context: Dict, outputs: Dict): StageResource[] {
  let found: StageResource[];
  if (type === 'trafficSplit') {
    const router = isDict(outputs.router) ? outputs.router : isDict(context.router) ? context.router : {};
    const kind = str(router.kind);
    const name = str(router.name);
    const namespace = str(outputs.namespace) ?? str(context.namespace);
    found = kind && name ? [{ kind, name, ...(namespace ? { namespace } : {}) }] : [];
  } else {
    const manifests = appliedManifests(outputs).map(resourceOf).filter((r): r is StageResource => r !== undefined);
    found = [...manifests, ...fromNamesByNamespace(outputs['outputs.manifestNamesByNamespace']), ...fromNamesByNamespace(outputs['deploy.jobs'])];
    if (found.length === 0) found = fromTarget(context);
  }
  const seen = new Map<string, StageResource>();
  // A resource with apiVersion wins over the same one named only by "kind name".
  for (const r of found) if (!seen.has(key(r)) || r.apiVersion) seen.set(key(r), { ...seen.get(key(r)), ...r });
  return [...seen.values()];
}

function weightsOf(value: unknown): TrafficWeight[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const weights = value.flatMap((w): TrafficWeight[] => (isDict(w) && str(w.destination) && typeof w.weight === 'number' ? [{ destination: String(w.destination), weight: w.weight }] : []));
  return weights.length ? weights : undefined;
}

/** Weights before and after a trafficSplit stage; `after` falls back to what the stage asked for. */
export function trafficWeights(context: Dict, outputs: Dict): { before: TrafficWeight[] | undefined; after: TrafficWeight[] | undefined } {
  return {
    before: weightsOf(outputs.weightsBefore) ?? weightsOf(outputs.previousWeights) ?? weightsOf(outputs.before),
    after: weightsOf(outputs.weightsAfter) ?? weightsOf(outputs.weights) ?? weightsOf(outputs.after) ?? weightsOf(context.weights),
  };
}

/** The deploy stage's record of what changed against the live objects (see lib/stages/kubernetes/live-diff.ts). */
export function manifestDiffs(outputs: Dict): ManifestDiff[] | undefined {
  const list = outputs.manifestDiffs;
  if (!Array.isArray(list)) return undefined;
  return list.flatMap((d): ManifestDiff[] => {
    if (!isDict(d) || !isDict(d.resource) || !Array.isArray(d.changes)) return [];
    const kind = str(d.resource.kind);
    const name = str(d.resource.name);
    if (!kind || !name) return [];
    const namespace = str(d.resource.namespace);
    const changes = d.changes.filter((c): c is ManifestChange => isDict(c) && typeof c.path === 'string' && (c.kind === 'added' || c.kind === 'removed' || c.kind === 'changed'));
    return [{ resource: { kind, name, ...(namespace ? { namespace } : {}) }, created: d.created === true, changes, truncated: d.truncated === true }];
  });
}
