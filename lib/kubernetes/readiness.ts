import type { KubeObject } from './types';

/** kstatus's three outcomes: Current (reconciled and ready), InProgress, Failed (will not get there alone). */
export type ReadinessStatus = 'Current' | 'InProgress' | 'Failed';

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface Readiness {
  status: ReadinessStatus;
  /** Why, in words ("2 of 3 replicas are available"). */
  message: string;
  conditions: Condition[];
}

type Dict = Record<string, unknown>;
const dict = (v: unknown): Dict => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Dict) : {});
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

export function conditionsOf(obj: KubeObject): Condition[] {
  const raw = dict(obj.status).conditions;
  if (!Array.isArray(raw)) return [];
  return raw.map(dict).map((c) => ({
    type: String(c.type ?? ''),
    status: String(c.status ?? ''),
    ...(typeof c.reason === 'string' ? { reason: c.reason } : {}),
    ...(typeof c.message === 'string' ? { message: c.message } : {}),
  }));
}

const find = (conditions: Condition[], type: string) => conditions.find((c) => c.type === type);
const result = (status: ReadinessStatus, message: string, conditions: Condition[]): Readiness => ({ status, message, conditions });

type Rule = (spec: Dict, status: Dict, conditions: Condition[], obj: KubeObject) => Readiness;

const deployment: Rule = (spec, status, conditions) => {
  const progressing = find(conditions, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return result('Failed', `Progress deadline exceeded${progressing.message ? `: ${progressing.message}` : ''}`, conditions);
  if (spec.paused === true) return result('InProgress', 'The rollout is paused', conditions);
  const want = num(spec.replicas, 1);
  const updated = num(status.updatedReplicas);
  const total = num(status.replicas);
  const available = num(status.availableReplicas);
  const ready = num(status.readyReplicas);
  if (updated < want) return result('InProgress', `${updated} of ${want} replicas are updated`, conditions);
  if (total > updated) return result('InProgress', `${total - updated} old replicas are pending termination`, conditions);
  if (available < want) return result('InProgress', `${available} of ${want} replicas are available`, conditions);
  if (ready < want) return result('InProgress', `${ready} of ${want} replicas are ready`, conditions);
  return result('Current', `${want} replicas are up to date and available`, conditions);
};

const replicaSet: Rule = (spec, status, conditions) => {
  const failure = find(conditions, 'ReplicaFailure');
  if (failure?.status === 'True') return result('Failed', `Replica failure: ${failure.message ?? failure.reason ?? 'unknown'}`, conditions);
  const want = num(spec.replicas, 1);
  for (const [field, label] of [['fullyLabeledReplicas', 'labelled'], ['availableReplicas', 'available'], ['readyReplicas', 'ready']] as const) {
    if (num(status[field]) < want) return result('InProgress', `${num(status[field])} of ${want} replicas are ${label}`, conditions);
  }
  if (num(status.replicas) > want) return result('InProgress', `${num(status.replicas) - want} extra replicas are pending termination`, conditions);
  return result('Current', `${want} replicas are ready`, conditions);
};

const statefulSet: Rule = (spec, status, conditions) => {
  const want = num(spec.replicas, 1);
  if (dict(spec.updateStrategy).type === 'OnDelete') return result('Current', 'Updates happen when pods are deleted (OnDelete)', conditions);
  const partition = num(dict(dict(spec.updateStrategy).rollingUpdate).partition);
  if (num(status.replicas) < want) return result('InProgress', `${num(status.replicas)} of ${want} replicas exist`, conditions);
  if (num(status.readyReplicas) < want) return result('InProgress', `${num(status.readyReplicas)} of ${want} replicas are ready`, conditions);
  if (partition > 0) {
    const target = want - partition;
    if (num(status.updatedReplicas) < target) return result('InProgress', `${num(status.updatedReplicas)} of ${target} replicas above the partition are updated`, conditions);
    return result('Current', `Partitioned rollout: ${target} replicas updated`, conditions);
  }
  if (num(status.updatedReplicas) < want) return result('InProgress', `${num(status.updatedReplicas)} of ${want} replicas are updated`, conditions);
  if (status.currentRevision !== status.updateRevision) return result('InProgress', 'Waiting for the update revision to become current', conditions);
  return result('Current', `${want} replicas are ready and updated`, conditions);
};

const daemonSet: Rule = (_spec, status, conditions) => {
  const want = num(status.desiredNumberScheduled);
  for (const [field, label] of [['currentNumberScheduled', 'scheduled'], ['updatedNumberScheduled', 'updated'], ['numberAvailable', 'available'], ['numberReady', 'ready']] as const) {
    if (num(status[field]) < want) return result('InProgress', `${num(status[field])} of ${want} daemon pods are ${label}`, conditions);
  }
  return result('Current', `${want} daemon pods are ready`, conditions);
};

const job: Rule = (_spec, status, conditions) => {
  const failed = find(conditions, 'Failed');
  if (failed?.status === 'True') return result('Failed', `Job failed: ${failed.reason ?? ''}${failed.message ? ` (${failed.message})` : ''}`.trim(), conditions);
  if (find(conditions, 'Complete')?.status === 'True') return result('Current', 'Job completed', conditions);
  return result('InProgress', `Job running: ${num(status.active)} active, ${num(status.succeeded)} succeeded, ${num(status.failed)} failed`, conditions);
};

const pod: Rule = (_spec, status, conditions) => {
  const phase = String(status.phase ?? 'Pending');
  if (phase === 'Succeeded') return result('Current', 'Pod succeeded', conditions);
  if (phase === 'Failed') return result('Failed', `Pod failed${typeof status.reason === 'string' ? `: ${status.reason}` : ''}`, conditions);
  const ready = find(conditions, 'Ready');
  if (phase === 'Running' && ready?.status === 'True') return result('Current', 'Pod is running and ready', conditions);
  const waiting = (Array.isArray(status.containerStatuses) ? status.containerStatuses : []).map((c) => dict(dict(dict(c).state).waiting).reason).find((r): r is string => typeof r === 'string');
  return result('InProgress', `Pod is ${phase}${ready ? `, Ready=${ready.status}${ready.reason ? ` (${ready.reason})` : ''}` : ''}${waiting ? `, container waiting: ${waiting}` : ''}`, conditions);
};

const service: Rule = (spec, status, conditions) => {
  if (spec.type !== 'LoadBalancer') return result('Current', 'Service is ready', conditions);
  const ingress = dict(status.loadBalancer).ingress;
  return Array.isArray(ingress) && ingress.length > 0 ? result('Current', 'Load balancer is provisioned', conditions) : result('InProgress', 'Waiting for the load balancer address', conditions);
};

const pvc: Rule = (_spec, status, conditions) =>
  status.phase === 'Bound' ? result('Current', 'Claim is bound', conditions) : result('InProgress', `Claim is ${String(status.phase ?? 'Pending')}`, conditions);

/** Any other kind: the conventions kstatus reads from conditions (Ready, Succeeded, Stalled, Reconciling). */
const generic: Rule = (_spec, _status, conditions) => {
  const stalled = find(conditions, 'Stalled');
  if (stalled?.status === 'True') return result('Failed', `Stalled: ${stalled.message ?? stalled.reason ?? ''}`.trim(), conditions);
  const succeeded = find(conditions, 'Succeeded');
  if (succeeded?.status === 'False') return result('Failed', `Failed: ${succeeded.reason ?? ''}${succeeded.message ? ` (${succeeded.message})` : ''}`.trim(), conditions);
  if (succeeded?.status === 'True') return result('Current', 'Succeeded', conditions);
  const failed = find(conditions, 'Failed');
  if (failed?.status === 'True') return result('Failed', `Failed: ${failed.reason ?? ''}${failed.message ? ` (${failed.message})` : ''}`.trim(), conditions);
  const reconciling = find(conditions, 'Reconciling');
  if (reconciling?.status === 'True') return result('InProgress', `Reconciling: ${reconciling.message ?? reconciling.reason ?? ''}`.trim(), conditions);
  const ready = find(conditions, 'Ready');
  if (ready && ready.status !== 'True') return result('InProgress', `Not ready: ${ready.reason ?? ready.status}${ready.message ? ` (${ready.message})` : ''}`, conditions);
  return result('Current', ready ? 'Ready' : 'Exists', conditions);
};

const RULES: Record<string, Rule> = {
  'apps/Deployment': deployment,
  'apps/ReplicaSet': replicaSet,
  'apps/StatefulSet': statefulSet,
  'apps/DaemonSet': daemonSet,
  'batch/Job': job,
  '/Pod': pod,
  '/Service': service,
  '/PersistentVolumeClaim': pvc,
};

const OBSERVED_GENERATION_KINDS = new Set<Rule>([deployment, replicaSet, statefulSet, daemonSet]);

const groupOf = (apiVersion: unknown) => (typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

/**
 * Readiness of a live object by kstatus's rules (sigs.k8s.io/cli-utils/pkg/kstatus). A controller that
 * has not yet seen the latest spec (`status.observedGeneration < metadata.generation`) means InProgress
 * whatever the rest of the status says: it describes the previous spec.
 */
export function readinessOf(obj: KubeObject): Readiness {
  const status = dict(obj.status);
  const conditions = conditionsOf(obj);
  if (obj.metadata && typeof (obj.metadata as Dict).deletionTimestamp === 'string') return result('InProgress', 'Being deleted', conditions);
  const generation = obj.metadata?.generation;
  if (typeof generation === 'number' && typeof status.observedGeneration === 'number' && status.observedGeneration < generation) {
    return result('InProgress', `The controller has not yet observed generation ${generation} (at ${status.observedGeneration})`, conditions);
  }
  const rule = RULES[`${groupOf(obj.apiVersion)}/${String(obj.kind)}`] ?? generic;
  // Workload controllers always write observedGeneration; without it they have not looked at the object yet.
  if (OBSERVED_GENERATION_KINDS.has(rule) && typeof status.observedGeneration !== 'number') {
    return result('InProgress', 'Waiting for the controller to observe the object', conditions);
  }
  return rule(dict(obj.spec), status, conditions, obj);
}

export type JobOutcome = { state: 'running' } | { state: 'succeeded'; message: string } | { state: 'failed'; message: string };

/**
 * How a run-to-completion object ended: a Job (Complete/Failed) or any custom resource following the
 * Succeeded/Failed condition conventions (Tekton TaskRun, Argo Workflow-like CRs).
 */
export function jobOutcome(obj: KubeObject): JobOutcome {
  const conditions = conditionsOf(obj);
  const describe = (c: Condition) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`;
  const failed = conditions.find((c) => (c.type === 'Failed' && c.status === 'True') || (c.type === 'Succeeded' && c.status === 'False'));
  if (failed) return { state: 'failed', message: describe(failed) };
  const done = conditions.find((c) => (c.type === 'Complete' || c.type === 'Succeeded') && c.status === 'True');
  if (done) return { state: 'succeeded', message: describe(done) };
  return { state: 'running' };
}
