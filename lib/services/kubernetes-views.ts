import 'server-only';
import { can, type Principal } from '../auth/permissions';
import type { SessionUser } from '../auth/principal';
import type { KubernetesAccountConfig } from '../config/kubernetes-schema';
import { getConfig } from '../env';
import { ForbiddenError, NotFoundError } from '../errors';
import { clusterClientFor, type ClusterClient } from '../kubernetes/client';
import { isKubernetesFailure } from '../kubernetes/errors';
import { readinessOf } from '../kubernetes/readiness';
import { scrubSecretValues } from '../kubernetes/redact';
import type { StageKubernetesDto, StageLiveResource } from '../pipeline/kubernetes-views';
import { isKubernetesStageType, stageAccount, stageResources, type StageResource } from '../pipeline/stage-resources';
import { accountResource } from './accounts';
import { visibleExecution } from './executions';

/** A stage that applied hundreds of objects is shown by its first ones: each costs two apiserver reads. */
const MAX_RESOURCES = 50;
const EVENTS_PER_RESOURCE = 10;

/** The configured account if the principal may READ it; 403 names the account (the stage already shows it). */
export function readableAccount(user: Principal, name: string): KubernetesAccountConfig {
  const account = getConfig().kubernetes.accounts.find((a) => a.name === name);
  if (!account) throw new NotFoundError(`Kubernetes account ${name} is not configured in this Foresail`);
  if (!can(user, 'read', accountResource(account))) throw new ForbiddenError(`You may not see Kubernetes account ${name}: that needs one of its READ roles`);
  return account;
}

// Failures from lib/kubernetes are plain sentences without bodies or credentials; anything else is not shown.
const failureText = (err: unknown) => (isKubernetesFailure(err) ? err.message : 'Could not read this object');

const baseOf = (resource: StageResource) => ({ apiVersion: resource.apiVersion ?? null, kind: resource.kind, name: resource.name, namespace: resource.namespace ?? null });
const unknownResource = (resource: StageResource, err: unknown): StageLiveResource => ({ ...baseOf(resource), status: 'Unknown', message: failureText(err), conditions: [], events: [] });

async function liveResource(client: ClusterClient, resource: StageResource, signal: AbortSignal | undefined): Promise<StageLiveResource> {
  const base = baseOf(resource);
  try {
    const { ref } = await client.resolve(resource, signal);
    const [live, events] = await Promise.all([client.find(ref, signal), client.events(ref, EVENTS_PER_RESOURCE, signal).catch(() => [])]);
    // Messages about a Secret could quote its values (a controller echoing a bad key): blank them out.
    const scrub = (text: string) => scrubSecretValues(text, live);
    const eventDtos = events.map((e) => ({ ...e, message: scrub(e.message), lastSeen: e.lastSeen ?? null }));
    if (!live) return { ...base, apiVersion: ref.apiVersion, kind: ref.kind, status: 'Missing', message: 'Does not exist now', conditions: [], events: eventDtos };
    const readiness = readinessOf(live);
    const conditions = readiness.conditions.map((c) => ({ ...c, ...(typeof c.message === 'string' ? { message: scrub(c.message) } : {}) }));
    return { ...base, apiVersion: ref.apiVersion, kind: ref.kind, status: readiness.status, message: readiness.message && scrub(readiness.message), conditions, events: eventDtos };
  } catch (err) {
    return unknownResource(resource, err);
  }
}

/**
 * The live state and recent events of what a Kubernetes stage touched: READ on the application (404
 * otherwise, like the execution itself) and READ on the stage's account (403).
 */
export async function stageKubernetes(user: SessionUser, executionId: string, stageId: string, signal?: AbortSignal): Promise<StageKubernetesDto> {
  const { execution } = await visibleExecution(user, executionId);
  const stage = execution.stages.find((s) => s.id === stageId || s.refId === stageId);
  if (!stage) throw new NotFoundError(`Stage ${stageId} not found in execution ${executionId}`);
  if (!isKubernetesStageType(stage.type)) throw new NotFoundError(`Stage ${stage.name} is a ${stage.type} stage, which touches no Kubernetes objects`);
  const readAt = new Date().toISOString();
  const name = stageAccount(stage.context, stage.outputs);
  if (!name) return { account: null, resources: [], readAt };
  const account = readableAccount(user, name);
  const resources = stageResources(stage.type, stage.context, stage.outputs).slice(0, MAX_RESOURCES);
  if (resources.length === 0) return { account: name, resources: [], readAt };
  let client: ClusterClient;
  try {
    client = clusterClientFor(account);
  } catch (err) {
    // A broken kubeconfig is the account's problem, shown on each object like an unreachable cluster.
    return { account: name, resources: resources.map((r) => unknownResource(r, err)), readAt };
  }
  return { account: name, resources: await Promise.all(resources.map((r) => liveResource(client, r, signal))), readAt };
}
