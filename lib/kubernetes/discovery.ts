import 'server-only';
import type { Connection } from './connection';
import { KubernetesFailure } from './errors';

/** A resource the cluster serves. */
export interface ApiResource {
  group: string;
  version: string;
  /** `apps/v1`, or `v1` for the core group. */
  apiVersion: string;
  kind: string;
  /** The plural used in URLs (`deployments`). */
  resource: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** The group's preferred version (the first listed). */
  preferred: boolean;
}

interface DiscoveryList {
  items?: {
    metadata?: { name?: string };
    versions?: { version: string; resources?: { resource: string; responseKind?: { kind?: string }; scope?: string; singularResource?: string; shortNames?: string[] }[] }[];
  }[];
}

// Aggregated discovery (GA since 1.30): the whole catalogue in two requests instead of one per group version.
const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.5';

async function fetchAll(connection: Connection, signal?: AbortSignal): Promise<ApiResource[]> {
  const lists = await Promise.all(
    ['/api', '/apis'].map((path) => connection.request<DiscoveryList>({ method: 'GET', path, accept: AGGREGATED, what: 'listing the resource kinds the cluster serves', signal })),
  );
  const out: ApiResource[] = [];
  for (const list of lists) {
    for (const group of list.items ?? []) {
      const groupName = group.metadata?.name ?? '';
      (group.versions ?? []).forEach((v, index) => {
        for (const r of v.resources ?? []) {
          if (!r.responseKind?.kind) continue;
          out.push({
            group: groupName,
            version: v.version,
            apiVersion: groupName ? `${groupName}/${v.version}` : v.version,
            kind: r.responseKind.kind,
            resource: r.resource,
            singular: r.singularResource ?? r.responseKind.kind.toLowerCase(),
            shortNames: r.shortNames ?? [],
            namespaced: r.scope === 'Namespaced',
            preferred: index === 0,
          });
        }
      });
    }
  }
  return out;
}

/**
 * What kinds a cluster serves, cached per connection. A miss refreshes once before failing, so a CRD
 * installed after the first lookup is found (at most one refresh per `minRefreshMs`).
 */
export class Discovery {
  private resources: ApiResource[] | undefined;
  private fetchedAt = 0;

  constructor(
    private readonly connection: Connection,
    private readonly minRefreshMs = 2_000,
  ) {}

  private async lookup(match: (r: ApiResource) => boolean, signal?: AbortSignal): Promise<ApiResource | undefined> {
    if (!this.resources) await this.refresh(signal);
    let found = this.resources?.filter(match) ?? [];
    if (found.length === 0 && Date.now() - this.fetchedAt >= this.minRefreshMs) {
      await this.refresh(signal);
      found = this.resources?.filter(match) ?? [];
    }
    return found.find((r) => r.preferred) ?? found[0];
  }

  private async refresh(signal?: AbortSignal): Promise<void> {
    this.resources = await fetchAll(this.connection, signal);
    this.fetchedAt = Date.now();
  }

  /** Drops what is cached, for a caller that just changed what the cluster serves (installed CRDs). */
  forget(): void {
    this.resources = undefined;
    this.fetchedAt = 0;
  }

  /** The resource for an object's apiVersion and kind. */
  async forKind(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ApiResource> {
    const found = await this.lookup((r) => r.apiVersion === apiVersion && r.kind === kind, signal);
    if (!found) throw new KubernetesFailure('not_found', `The cluster of account ${this.connection.account} does not serve ${kind} in ${apiVersion || 'the core API'}`);
    return found;
  }

  /**
   * A kind as people write it in `manifestName` ("deployment", "Deployment", "deploy", "deployment.apps",
   * "virtualservice.networking.istio.io"); the group's preferred version wins.
   */
  async forName(name: string, signal?: AbortSignal): Promise<ApiResource> {
    const [head, ...groupParts] = name.toLowerCase().split('.');
    const group = groupParts.join('.');
    const found = await this.lookup(
      (r) => (!group || r.group === group) && (r.kind.toLowerCase() === head || r.singular === head || r.resource === head || r.shortNames.includes(head ?? '')),
      signal,
    );
    if (!found) throw new KubernetesFailure('not_found', `The cluster of account ${this.connection.account} does not serve a kind named "${name}"`);
    return found;
  }
}
