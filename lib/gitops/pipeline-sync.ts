import 'server-only';
import type { KubernetesAccountConfig, PipelineSyncConfig } from '../config/kubernetes-schema';
import { connectionFor, watchPath, type Connection, type WatchHandle } from '../kubernetes/connection';
import { isKubernetesFailure } from '../kubernetes/errors';
import { diffJson } from '../pipeline/json-diff';
import { GITOPS_GROUP, GITOPS_VERSION } from './crds';
import { pruneMissingCanaryConfigs, removeCanaryConfigResource, saveCanaryConfigResource } from './canary-config-store';
import { pruneMissingResources, removePipelineResource, savePipelineResource, type SyncOutcome } from './pipeline-store';
import { nextStatus, readPipelineResource, watchedNamespaces, type PipelineResource } from './resource';

export interface SyncLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

interface ListedObjects {
  items?: unknown[];
  metadata?: { resourceVersion?: string };
}

/** One kind of resource the sync keeps, and how it is saved in Foresail. */
export interface SyncedKind {
  kind: 'Pipeline' | 'CanaryConfig';
  plural: string;
  /** In words: "pipeline", "canary config". */
  what: string;
  /** What a saved change is called: pipelines keep revisions, canary configs versions. */
  revision: string;
  save(account: string, sync: PipelineSyncConfig, res: PipelineResource): Promise<SyncOutcome>;
  remove(account: string, sync: PipelineSyncConfig, uid: string): Promise<string>;
  prune(account: string, sync: PipelineSyncConfig, namespace: string, live: ReadonlySet<string>): Promise<string[]>;
}

export const pipelineKind: SyncedKind = { kind: 'Pipeline', plural: 'pipelines', what: 'pipeline', revision: 'revision', save: savePipelineResource, remove: removePipelineResource, prune: pruneMissingResources };
export const canaryConfigKind: SyncedKind = {
  kind: 'CanaryConfig',
  plural: 'canaryconfigs',
  what: 'canary config',
  revision: 'version',
  save: saveCanaryConfigResource,
  remove: removeCanaryConfigResource,
  prune: pruneMissingCanaryConfigs,
};

const RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Keeps one account's resources of one kind (Pipeline or CanaryConfig) and what Foresail stores in step
 * (README "GitOps"). Per
 * watched namespace: list (a resync: every resource reconciled, pipelines of vanished resources
 * removed), then watch from the list's resourceVersion; a `410 Gone` or a failed watch relists. Events
 * of a namespace are handled one at a time, in order. Every outcome is written back to the
 * resource's status; saving is idempotent, so a replayed event or a second resync changes nothing.
 */
export class PipelineSync {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly sync: PipelineSyncConfig;

  constructor(
    private readonly account: KubernetesAccountConfig & { pipelineSync: PipelineSyncConfig },
    private readonly log: SyncLog,
    private readonly resource: SyncedKind = pipelineKind,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.sync = account.pipelineSync;
  }

  /**
   * Looked up at each use, not once: connectionFor follows a kubeconfig that changes (the demo world's
   * cluster gets new ports and certificates when it restarts) and one that does not exist yet (the
   * world is still being built) fails inside the retrying loop instead of stopping the worker.
   */
  private get connection(): Connection {
    return connectionFor(this.account);
  }

  start(): void {
    for (const namespace of watchedNamespaces(this.sync)) this.loops.push(this.run(namespace));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }

  private path(namespace: string, name?: string, subresource?: string): string {
    const base = `/apis/${GITOPS_GROUP}/${GITOPS_VERSION}/namespaces/${encodeURIComponent(namespace)}/${this.resource.plural}`;
    return name ? `${base}/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}` : base;
  }

  private async run(namespace: string): Promise<void> {
    const signal = this.abort.signal;
    let retryMs = RETRY_MS;
    while (!signal.aborted) {
      try {
        let resourceVersion = await this.relist(namespace);
        retryMs = RETRY_MS;
        while (!signal.aborted) {
          const end = await this.watch(namespace, resourceVersion);
          if (end.kind !== 'closed') break; // gone (410) or failed: relist
          resourceVersion = end.resourceVersion;
        }
      } catch (err) {
        if (signal.aborted) return;
        this.log.warn({ account: this.account.name, namespace, err: err instanceof Error ? err.message : String(err) }, 'pipeline sync: listing failed; retrying');
        await sleep(retryMs, signal);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    }
  }

  /** Lists the namespace's resources, reconciles each, prunes pipelines of vanished ones; returns the list's resourceVersion. */
  private async relist(namespace: string): Promise<string> {
    const list = await this.connection.request<ListedObjects>({ method: 'GET', path: this.path(namespace), what: `listing ${this.resource.kind} resources in ${namespace}`, signal: this.abort.signal });
    const live = new Set<string>();
    for (const item of list.items ?? []) {
      const res = readPipelineResource({ ...(item as object) });
      if (!res) continue;
      live.add(res.uid);
      await this.reconcile(res, item);
    }
    const removed = await this.resource.prune(this.account.name, this.sync, namespace, live);
    if (removed.length > 0) this.log.info({ account: this.account.name, kind: this.resource.kind, namespace, removed }, 'pipeline sync: removed what deleted resources had saved');
    return list.metadata?.resourceVersion ?? '';
  }

  private watch(namespace: string, resourceVersion: string): Promise<{ kind: 'closed'; resourceVersion: string } | { kind: 'gone' | 'failed' }> {
    return new Promise((resolve) => {
      let latest = resourceVersion;
      let gone = false;
      let queue = Promise.resolve();
      let handle: WatchHandle | undefined;
      const onEvent = (type: string, object: unknown) => {
        const meta = (object as { metadata?: { resourceVersion?: string } } | undefined)?.metadata;
        if (type === 'ERROR') {
          // The server answers an expired resourceVersion with an ERROR event carrying Status 410.
          gone = true;
          handle?.stop();
          return;
        }
        queue = queue.then(async () => {
          if (type === 'ADDED' || type === 'MODIFIED') {
            const res = readPipelineResource(object);
            if (res) await this.reconcile(res, object);
          } else if (type === 'DELETED') {
            const res = readPipelineResource(object);
            if (res) await this.removed(res);
          }
          if (meta?.resourceVersion) latest = meta.resourceVersion;
        });
        queue = queue.catch((err: unknown) => {
          if (this.abort.signal.aborted) return; // stopping: the in-flight request was cancelled
          // Handling failed (database down): relist, which reconciles everything again.
          this.log.warn({ account: this.account.name, namespace, err: err instanceof Error ? err.message : String(err) }, 'pipeline sync: handling a change failed; relisting');
          gone = true;
          handle?.stop();
        });
      };
      const onDone = (err: unknown) => {
        void queue.then(() => resolve(gone ? { kind: 'gone' } : err ? { kind: 'failed' } : { kind: 'closed', resourceVersion: latest }));
      };
      const stopOnAbort = () => handle?.stop();
      this.abort.signal.addEventListener('abort', stopOnAbort, { once: true });
      watchPath(this.connection, this.path(namespace), { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 300 }, onEvent, onDone).then(
        (h) => {
          handle = h;
          if (this.abort.signal.aborted) h.stop();
        },
        () => resolve({ kind: 'failed' }),
      );
    });
  }

  private async removed(res: PipelineResource): Promise<void> {
    const outcome = await this.resource.remove(this.account.name, this.sync, res.uid);
    if (outcome !== 'absent') this.log.info({ account: this.account.name, kind: this.resource.kind, resource: `${res.namespace}/${res.name}`, outcome }, 'pipeline sync: resource deleted');
  }

  private async reconcile(res: PipelineResource, object: unknown): Promise<void> {
    const outcome = await this.resource.save(this.account.name, this.sync, res);
    if (outcome.kind === 'saved' && outcome.change !== 'unchanged') {
      this.log.info({ account: this.account.name, kind: this.resource.kind, resource: `${res.namespace}/${res.name}`, pipelineId: outcome.id, revision: outcome.revision, change: outcome.change }, 'pipeline sync: saved');
    }
    await this.writeStatus(res, (object as { status?: unknown }).status, outcome);
  }

  private async writeStatus(res: PipelineResource, previous: unknown, outcome: SyncOutcome): Promise<void> {
    const status =
      outcome.kind === 'saved'
        ? nextStatus(previous, res.generation, { id: outcome.id, revision: outcome.revision, ...(outcome.stages === undefined ? {} : { stages: outcome.stages }) }, [
            { type: 'Valid', status: 'True', reason: 'Valid', message: outcome.warnings.length > 0 ? `Valid, with warnings:\n${outcome.warnings.join('\n')}` : `Foresail accepts this ${this.resource.what}` },
            { type: 'Synced', status: 'True', reason: 'Synced', message: `Saved as ${this.resource.what} ${outcome.id}, ${this.resource.revision} ${outcome.revision}` },
          ], this.now())
        : nextStatus(previous, res.generation, {}, [
            outcome.condition === 'Valid'
              ? { type: 'Valid', status: 'False', reason: outcome.reason, message: outcome.message }
              : { type: 'Valid', status: 'Unknown', reason: 'NotChecked', message: 'Not checked: the resource was refused before validation' },
            { type: 'Synced', status: 'False', reason: outcome.reason, message: outcome.condition === 'Valid' ? `Not saved: the ${this.resource.what} is invalid (see Valid)` : outcome.message },
          ], this.now());
    if (diffJson(comparableStatus(previous), status).length === 0) return;
    try {
      await this.connection.request({
        method: 'PATCH',
        path: this.path(res.namespace, res.name, 'status'),
        contentType: 'application/merge-patch+json',
        // Merge patch: null removes what an earlier outcome wrote (a refusal has no revision).
        body: { status: { id: null, revision: null, stages: null, ...status } },
        what: `writing the status of ${this.resource.kind} ${res.name} in ${res.namespace}`,
        signal: this.abort.signal,
      });
      if (outcome.kind === 'refused' && !sameRefusal(previous, status)) await this.event(res, outcome);
    } catch (err) {
      // Deleted meanwhile: its DELETED event follows.
      if (isKubernetesFailure(err, 'not_found')) return;
      throw err;
    }
  }

  /** A Warning event on the resource, once per new refusal (`kubectl describe` shows it). */
  private async event(res: PipelineResource, outcome: Extract<SyncOutcome, { kind: 'refused' }>): Promise<void> {
    const now = this.now().toISOString();
    await this.connection
      .request({
        method: 'POST',
        path: `/api/v1/namespaces/${encodeURIComponent(res.namespace)}/events`,
        body: {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { generateName: `${res.name}.` },
          involvedObject: { apiVersion: `${GITOPS_GROUP}/${GITOPS_VERSION}`, kind: this.resource.kind, name: res.name, namespace: res.namespace, uid: res.uid },
          type: 'Warning',
          reason: outcome.reason,
          message: outcome.message.slice(0, 1_000),
          source: { component: 'foresail' },
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        },
        what: `recording an event on ${this.resource.kind} ${res.name} in ${res.namespace}`,
        signal: this.abort.signal,
      })
      .catch((err: unknown) => this.log.warn({ account: this.account.name, err: err instanceof Error ? err.message : String(err) }, 'pipeline sync: could not record an event'));
  }
}

const STATUS_KEYS = ['observedGeneration', 'id', 'revision', 'stages', 'conditions'];
const comparableStatus = (previous: unknown): Record<string, unknown> =>
  typeof previous === 'object' && previous !== null ? Object.fromEntries(Object.entries(previous).filter(([k, v]) => STATUS_KEYS.includes(k) && v !== null && v !== undefined)) : {};

function sameRefusal(previous: unknown, next: { conditions: { type: string; reason: string; message: string }[] }): boolean {
  const before = (previous as { conditions?: { type?: string; reason?: string; message?: string }[] } | undefined)?.conditions?.find((c) => c.type === 'Synced');
  const after = next.conditions.find((c) => c.type === 'Synced');
  return before?.reason === after?.reason && before?.message === after?.message;
}

/** Starts the sync of every account that configures pipelineSync; returns the stop function. */
export function startPipelineSyncs(accounts: readonly KubernetesAccountConfig[], log: SyncLog): () => Promise<void> {
  // Canary configs first: a pipeline's canary stage names one.
  const syncs = accounts.flatMap((account) => {
    const pipelineSync = account.pipelineSync;
    return pipelineSync ? [canaryConfigKind, pipelineKind].map((kind) => new PipelineSync({ ...account, pipelineSync }, log, kind)) : [];
  });
  for (const sync of syncs) sync.start();
  return async () => {
    await Promise.all(syncs.map((s) => s.stop()));
  };
}
