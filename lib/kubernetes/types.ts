/** A Kubernetes object as JSON: we keep manifests as written (no typed model drops unknown fields). */
export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; generation?: number; labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
};

/** Names one object; `namespace` is absent for cluster-scoped kinds. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** What an account's client needs (a structural subset of the account config). */
export interface KubernetesAccountSettings {
  name: string;
  kubeconfigFile?: string;
  context?: string;
  inCluster: boolean;
  /** Namespaces Foresail may touch; empty = any the credentials allow. */
  namespaces: string[];
}

export const describeRef = (ref: Pick<ObjectRef, 'kind' | 'name' | 'namespace'>): string => `${ref.kind} ${ref.name}${ref.namespace ? ` in ${ref.namespace}` : ''}`;

export function refOf(obj: KubeObject): ObjectRef {
  const meta = obj.metadata ?? {};
  return { apiVersion: String(obj.apiVersion ?? ''), kind: String(obj.kind ?? ''), name: String(meta.name ?? ''), ...(meta.namespace ? { namespace: meta.namespace } : {}) };
}
