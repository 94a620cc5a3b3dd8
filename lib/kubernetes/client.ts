import 'server-only';
import { connectionFor, type Connection } from './connection';
import { Discovery, type ApiResource } from './discovery';
import { isKubernetesFailure, KubernetesFailure } from './errors';
import { describeRef, refOf, type KubeObject, type KubernetesAccountSettings, type ObjectRef } from './types';

export const FIELD_MANAGER = 'foresail';

export type PatchStrategy = 'strategic' | 'merge' | 'json';
const PATCH_CONTENT_TYPE: Record<PatchStrategy, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

export interface ApplyOptions {
  /** For namespaced objects that name no namespace (or all of them, with `override`). */
  namespace?: string;
  /** Put every namespaced object in `namespace` even if it names another (Spinnaker's namespaceOverride). */
  override?: boolean;
  /** Server-side dry run: validated and defaulted by the apiserver, nothing stored. */
  dryRun?: boolean;
  /** Take over fields another manager owns (only when the stage asks). */
  force?: boolean;
  signal?: AbortSignal;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  signal?: AbortSignal;
}

export interface DeleteOptions {
  /** Delete dependents too (default true); false orphans them. */
  cascading?: boolean;
  gracePeriodSeconds?: number;
  signal?: AbortSignal;
}

/** A warning or normal event about an object, newest last. */
export interface ObjectEvent {
  type: string;
  reason: string;
  message: string;
  count: number;
  lastSeen: string | undefined;
}

/** An object reference without apiVersion: the kind is resolved by discovery ("deployment web"). */
export type LooseRef = Omit<ObjectRef, 'apiVersion'> & { apiVersion?: string };

/** One account's view of its cluster. Every method fails with a KubernetesFailure. */
export class ClusterClient {
  readonly discovery: Discovery;

  constructor(
    private readonly connection: Connection,
    readonly allowedNamespaces: readonly string[],
  ) {
    this.discovery = new Discovery(connection);
  }

  get account(): string {
    return this.connection.account;
  }

  /** Fails unless the account's allow-list (if any) includes `namespace`. */
  checkNamespace(namespace: string | undefined, what: string): void {
    if (this.allowedNamespaces.length === 0) return;
    if (namespace === undefined) {
      throw new KubernetesFailure('namespace_not_allowed', `Account ${this.account} is limited to namespaces ${this.allowedNamespaces.join(', ')}; ${what} is cluster-wide`);
    }
    if (!this.allowedNamespaces.includes(namespace)) {
      throw new KubernetesFailure('namespace_not_allowed', `Account ${this.account} may not touch namespace ${namespace} (allowed: ${this.allowedNamespaces.join(', ')})`);
    }
  }

  async resolve(ref: LooseRef, signal?: AbortSignal): Promise<{ resource: ApiResource; ref: ObjectRef }> {
    const resource = ref.apiVersion ? await this.discovery.forKind(ref.apiVersion, ref.kind, signal) : await this.discovery.forName(ref.kind, signal);
    const full: ObjectRef = { apiVersion: resource.apiVersion, kind: resource.kind, name: ref.name, ...(resource.namespaced && ref.namespace ? { namespace: ref.namespace } : {}) };
    if (resource.namespaced && !full.namespace) throw new KubernetesFailure('invalid', `${resource.kind} ${ref.name} needs a namespace`);
    this.checkNamespace(full.namespace, describeRef(full));
    return { resource, ref: full };
  }

  private collectionPath(resource: ApiResource, namespace: string | undefined): string {
    const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
    return resource.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.resource}` : `${base}/${resource.resource}`;
  }

  private objectPath(resource: ApiResource, ref: ObjectRef): string {
    return `${this.collectionPath(resource, ref.namespace)}/${encodeURIComponent(ref.name)}`;
  }

  /**
   * Server-side apply of each object with field manager `foresail`, in order (a Namespace or CRD before
   * what uses it). Returns what the apiserver stored (or would store, on a dry run).
   */
  async apply(objects: readonly KubeObject[], options: ApplyOptions = {}): Promise<KubeObject[]> {
    const applied: KubeObject[] = [];
    for (const object of objects) {
      if (!object.apiVersion || !object.kind || !object.metadata?.name) {
        throw new KubernetesFailure('invalid', 'Refused a manifest without apiVersion, kind and metadata.name', [
          { field: !object.apiVersion ? 'apiVersion' : !object.kind ? 'kind' : 'metadata.name', message: 'Required value' },
        ]);
      }
      const resource = await this.discovery.forKind(object.apiVersion, object.kind, options.signal);
      const namespace = resource.namespaced ? (options.override ? options.namespace : undefined) ?? object.metadata.namespace ?? options.namespace ?? 'default' : undefined;
      const body: KubeObject = { ...object, metadata: { ...object.metadata, ...(namespace ? { namespace } : {}) } };
      if (!namespace) delete body.metadata?.namespace;
      const ref = refOf(body);
      this.checkNamespace(namespace, describeRef(ref));
      const verb = options.dryRun ? 'dry-running' : 'applying';
      try {
        applied.push(
          await this.connection.request<KubeObject>({
            method: 'PATCH',
            path: this.objectPath(resource, ref),
            query: { fieldManager: FIELD_MANAGER, force: options.force ? true : undefined, dryRun: options.dryRun ? 'All' : undefined, fieldValidation: 'Strict' },
            contentType: 'application/apply-patch+yaml', // JSON is YAML
            body,
            what: `${verb} ${describeRef(ref)}`,
            signal: options.signal,
          }),
        );
      } catch (err) {
        throw isKubernetesFailure(err, 'conflict') ? explainApplyConflict(err, ref) : err;
      }
    }
    return applied;
  }

  /** Creates an object (for `metadata.generateName`, which apply cannot do); fails with conflict if it exists. */
  async create(object: KubeObject, namespace: string | undefined, signal?: AbortSignal): Promise<KubeObject> {
    if (!object.apiVersion || !object.kind) throw new KubernetesFailure('invalid', 'Refused a manifest without apiVersion and kind');
    const resource = await this.discovery.forKind(object.apiVersion, object.kind, signal);
    const ns = resource.namespaced ? (object.metadata?.namespace ?? namespace ?? 'default') : undefined;
    const label = `${object.kind} ${object.metadata?.name ?? `${object.metadata?.generateName ?? ''}…`}${ns ? ` in ${ns}` : ''}`;
    this.checkNamespace(ns, label);
    return this.connection.request<KubeObject>({
      method: 'POST',
      path: this.collectionPath(resource, ns),
      query: { fieldManager: FIELD_MANAGER, fieldValidation: 'Strict' },
      body: { ...object, metadata: { ...object.metadata, ...(ns ? { namespace: ns } : {}) } },
      what: `creating ${label}`,
      signal,
    });
  }

  async get(ref: LooseRef, signal?: AbortSignal): Promise<KubeObject> {
    const { resource, ref: full } = await this.resolve(ref, signal);
    return this.connection.request<KubeObject>({ method: 'GET', path: this.objectPath(resource, full), what: `reading ${describeRef(full)}`, signal });
  }

  /** Like get, but undefined when the object does not exist. */
  async find(ref: LooseRef, signal?: AbortSignal): Promise<KubeObject | undefined> {
    try {
      return await this.get(ref, signal);
    } catch (err) {
      if (isKubernetesFailure(err, 'not_found') && err.status === 404) return undefined;
      throw err;
    }
  }

  async list(kind: { apiVersion?: string; kind: string }, options: ListOptions = {}): Promise<KubeObject[]> {
    const resource = kind.apiVersion ? await this.discovery.forKind(kind.apiVersion, kind.kind, options.signal) : await this.discovery.forName(kind.kind, options.signal);
    const namespace = resource.namespaced ? options.namespace : undefined;
    this.checkNamespace(namespace, `listing ${resource.kind}`);
    const list = await this.connection.request<{ items?: KubeObject[] }>({
      method: 'GET',
      path: this.collectionPath(resource, namespace),
      query: { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, limit: options.limit },
      what: `listing ${resource.kind}${namespace ? ` in ${namespace}` : ''}`,
      signal: options.signal,
    });
    // List items omit apiVersion/kind; put them back so items can be applied or described.
    return (list.items ?? []).map((item) => ({ ...item, apiVersion: resource.apiVersion, kind: resource.kind }));
  }

  /**
   * One page of a list: at most `limit` items and the apiserver's `continue` token for the next page
   * (undefined on the last), so views page through large namespaces instead of reading them whole.
   */
  async listPage(kind: { apiVersion?: string; kind: string }, options: ListOptions & { continue?: string }): Promise<{ items: KubeObject[]; continue: string | undefined }> {
    const resource = kind.apiVersion ? await this.discovery.forKind(kind.apiVersion, kind.kind, options.signal) : await this.discovery.forName(kind.kind, options.signal);
    const namespace = resource.namespaced ? options.namespace : undefined;
    this.checkNamespace(namespace, `listing ${resource.kind}`);
    const list = await this.connection.request<{ items?: KubeObject[]; metadata?: { continue?: string } }>({
      method: 'GET',
      path: this.collectionPath(resource, namespace),
      query: { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, limit: options.limit, continue: options.continue || undefined },
      what: `listing ${resource.kind}${namespace ? ` in ${namespace}` : ''}`,
      signal: options.signal,
    });
    return { items: (list.items ?? []).map((item) => ({ ...item, apiVersion: resource.apiVersion, kind: resource.kind })), continue: list.metadata?.continue || undefined };
  }

  /** Deletes an object; `gone` when it was already absent (deleting twice is not an error). */
  async delete(ref: LooseRef, options: DeleteOptions = {}): Promise<'deleted' | 'gone'> {
    const { resource, ref: full } = await this.resolve(ref, options.signal);
    try {
      await this.connection.request({
        method: 'DELETE',
        path: this.objectPath(resource, full),
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: options.cascading === false ? 'Orphan' : 'Background', gracePeriodSeconds: options.gracePeriodSeconds },
        what: `deleting ${describeRef(full)}`,
        signal: options.signal,
      });
      return 'deleted';
    } catch (err) {
      if (isKubernetesFailure(err, 'not_found') && err.status === 404) return 'gone';
      throw err;
    }
  }

  async patch(ref: LooseRef, patch: unknown, strategy: PatchStrategy, signal?: AbortSignal): Promise<KubeObject> {
    const { resource, ref: full } = await this.resolve(ref, signal);
    return this.connection.request<KubeObject>({
      method: 'PATCH',
      path: this.objectPath(resource, full),
      query: { fieldManager: FIELD_MANAGER },
      contentType: PATCH_CONTENT_TYPE[strategy],
      body: patch,
      what: `patching (${strategy}) ${describeRef(full)}`,
      signal,
    });
  }

  /** Events about one object, oldest first, at most `limit` of the newest. */
  async events(ref: ObjectRef, limit = 10, signal?: AbortSignal): Promise<ObjectEvent[]> {
    if (!ref.namespace) return [];
    const list = await this.connection.request<{ items?: Record<string, unknown>[] }>({
      method: 'GET',
      path: `/api/v1/namespaces/${encodeURIComponent(ref.namespace)}/events`,
      query: { fieldSelector: `involvedObject.name=${ref.name},involvedObject.kind=${ref.kind}` },
      what: `reading events of ${describeRef(ref)}`,
      signal,
    });
    const events = (list.items ?? []).map((e) => ({
      type: String(e.type ?? ''),
      reason: String(e.reason ?? ''),
      message: String(e.message ?? ''),
      count: Number(e.count ?? 1),
      lastSeen: String(e.lastTimestamp ?? e.eventTime ?? (e.metadata as { creationTimestamp?: string } | undefined)?.creationTimestamp ?? '') || undefined,
    }));
    events.sort((a, b) => (a.lastSeen ?? '').localeCompare(b.lastSeen ?? ''));
    return events.slice(-limit);
  }

  /** The apiserver's version (a cheap reachability check). */
  async version(signal?: AbortSignal): Promise<string> {
    const v = await this.connection.request<{ gitVersion?: string }>({ method: 'GET', path: '/version', what: 'reading the server version', signal });
    return v.gitVersion ?? 'unknown';
  }
}

/**
 * SSA conflicts come back as 409 with one cause per field: `conflict with "kubectl-edit" using apps/v1`
 * at `.spec.replicas`. Say who owns which field and what to do about it.
 */
function explainApplyConflict(err: KubernetesFailure, ref: ObjectRef): KubernetesFailure {
  if (err.causes.length === 0) return err;
  const owners = [...new Set(err.causes.map((c) => /conflict with "([^"]+)"/.exec(c.message)?.[1] ?? 'another manager'))];
  const fields = err.causes.map((c) => c.field).filter(Boolean);
  return new KubernetesFailure(
    'conflict',
    `Conflict applying ${describeRef(ref)}: field${fields.length === 1 ? '' : 's'} ${fields.join(', ')} ${fields.length === 1 ? 'is' : 'are'} managed by ${owners.join(', ')}, not Foresail. Remove the field${fields.length === 1 ? '' : 's'} from the manifest, or let the stage force the apply to take ownership.`,
    err.causes,
    err.status,
  );
}

const clients = new Map<string, { connection: Connection; client: ClusterClient }>();

/** The account's client (cached with its connection and discovery). */
export function clusterClientFor(account: KubernetesAccountSettings): ClusterClient {
  const connection = connectionFor(account);
  const cached = clients.get(account.name);
  if (cached?.connection === connection && cached.client.allowedNamespaces.join() === account.namespaces.join()) return cached.client;
  const client = new ClusterClient(connection, account.namespaces);
  clients.set(account.name, { connection, client });
  return client;
}
