import type { PipelineSyncConfig } from '../config/kubernetes-schema';

/** What the sync reads from a Pipeline resource. */
export interface PipelineResource {
  namespace: string;
  name: string;
  uid: string;
  generation: number;
  resourceVersion: string;
  spec: Record<string, unknown>;
  /** The field manager that last changed the spec (kubectl-client-side-apply, argocd-controller, …). */
  manager: string | undefined;
}

export interface Condition {
  type: 'Valid' | 'Synced';
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  observedGeneration: number;
  lastTransitionTime: string;
}

export interface ResourceStatus {
  observedGeneration: number;
  id?: string;
  revision?: number;
  stages?: number;
  conditions: Condition[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The manager whose entry in managedFields (newest first) touches `spec`. */
function specManager(managedFields: unknown): string | undefined {
  if (!Array.isArray(managedFields)) return undefined;
  const entries = managedFields.filter(isRecord).filter((e) => e.subresource !== 'status' && isRecord(e.fieldsV1) && 'f:spec' in e.fieldsV1);
  entries.sort((a, b) => String(b.time ?? '').localeCompare(String(a.time ?? '')));
  const manager = entries[0]?.manager;
  return typeof manager === 'string' && manager ? manager : undefined;
}

/** Reads a watched object; undefined when it lacks what every stored resource has (never expected). */
export function readPipelineResource(object: unknown): PipelineResource | undefined {
  if (!isRecord(object) || !isRecord(object.metadata)) return undefined;
  const meta = object.metadata;
  if (typeof meta.namespace !== 'string' || typeof meta.name !== 'string' || typeof meta.uid !== 'string') return undefined;
  return {
    namespace: meta.namespace,
    name: meta.name,
    uid: meta.uid,
    generation: typeof meta.generation === 'number' ? meta.generation : 0,
    resourceVersion: typeof meta.resourceVersion === 'string' ? meta.resourceVersion : '',
    spec: isRecord(object.spec) ? object.spec : {},
    manager: specManager(meta.managedFields),
  };
}

/** The namespaces the sync watches: the configured list, or every bound namespace. */
export function watchedNamespaces(sync: PipelineSyncConfig): string[] {
  return [...new Set(sync.namespaces ?? sync.bindings.map((b) => b.namespace))].sort();
}

/** The binding that lets `namespace` manage `application`, if any. */
export function bindingFor(sync: PipelineSyncConfig, namespace: string, application: string): PipelineSyncConfig['bindings'][number] | undefined {
  return sync.bindings.find((b) => b.namespace === namespace && b.applications.includes(application));
}

/**
 * The status to write. Conditions keep their lastTransitionTime while their status stays the same, so
 * writing the same outcome twice changes nothing (no flapping, no needless updates).
 */
export function nextStatus(previous: unknown, generation: number, fields: Omit<ResourceStatus, 'observedGeneration' | 'conditions'>, conditions: Omit<Condition, 'observedGeneration' | 'lastTransitionTime'>[], now: Date): ResourceStatus {
  const before = isRecord(previous) && Array.isArray(previous.conditions) ? previous.conditions.filter(isRecord) : [];
  return {
    observedGeneration: generation,
    ...fields,
    conditions: conditions.map((c) => {
      const old = before.find((b) => b.type === c.type);
      const since = old && old.status === c.status && typeof old.lastTransitionTime === 'string' ? old.lastTransitionTime : now.toISOString().replace(/\.\d+Z$/, 'Z');
      return { ...c, observedGeneration: generation, lastTransitionTime: since };
    }),
  };
}
