import 'server-only';
import type { ClusterClient } from '../kubernetes/client';
import { KubernetesFailure } from '../kubernetes/errors';
import type { KubeObject } from '../kubernetes/types';
import { canaryConfigCrd, pipelineCrd, pipelineGraphPolicy, type KubeManifest } from './crds';

export interface InstallReport {
  applied: string[];
}

const ESTABLISH_TIMEOUT_MS = 30_000;

function isEstablished(crd: KubeObject): boolean {
  const conditions = (crd.status as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Established' && c.status === 'True');
}

async function waitEstablished(cluster: ClusterClient, name: string, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + ESTABLISH_TIMEOUT_MS;
  for (;;) {
    const crd = await cluster.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name }, signal);
    if (isEstablished(crd)) return;
    if (Date.now() > deadline) throw new KubernetesFailure('timeout', `CustomResourceDefinition ${name} was not established within ${ESTABLISH_TIMEOUT_MS / 1000}s on account ${cluster.account}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Installs (or upgrades, by server-side apply) the GitOps CRDs and the graph policy into an account's
 * cluster. The CRDs must be established before the policy, whose type checking reads their schema.
 */
export async function installGitopsResources(cluster: ClusterClient, signal?: AbortSignal): Promise<InstallReport> {
  const crds: KubeManifest[] = [pipelineCrd(), canaryConfigCrd()];
  await cluster.apply(crds, { force: true, signal });
  for (const crd of crds) await waitEstablished(cluster, crd.metadata.name, signal);
  // Discovery was cached before the kinds existed; its refresh-on-miss is throttled, so an apply
  // right after the install would not find them.
  cluster.discovery.forget();
  const policy = pipelineGraphPolicy();
  await cluster.apply(policy, { force: true, signal });
  return { applied: [...crds, ...policy].map((m) => `${m.kind} ${m.metadata.name}`) };
}
