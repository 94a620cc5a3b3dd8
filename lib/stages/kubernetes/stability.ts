import 'server-only';
import type { ClusterClient } from '../../kubernetes/client';
import { readinessOf, type Readiness } from '../../kubernetes/readiness';
import { describeRef, type KubeObject, type ObjectRef } from '../../kubernetes/types';
import { task } from '../tasks';
import type { StageResult } from '../types';
import { failedFrom, isTransient } from './failures';

export interface Unready {
  ref: ObjectRef;
  readiness: Readiness;
  live: KubeObject | undefined;
}

/** Each object's readiness now (read concurrently); a missing object is InProgress (it may not be created yet). */
export async function assess(client: ClusterClient, refs: readonly ObjectRef[], signal?: AbortSignal): Promise<Unready[]> {
  const all = await Promise.all(
    refs.map(async (ref): Promise<Unready> => {
      const live = await client.find(ref, signal);
      return { ref, live, readiness: live ? readinessOf(live) : { status: 'InProgress', message: 'Does not exist (yet)', conditions: [] } };
    }),
  );
  return all.filter((u) => u.readiness.status !== 'Current');
}

const selectorOf = (live: KubeObject | undefined): string | undefined => {
  const labels = (live?.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels;
  return labels && Object.keys(labels).length ? Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') : undefined;
};

/** The first unready pods' readiness, for workloads with a selector (the usual reason a rollout stalls). */
async function podProblems(client: ClusterClient, u: Unready, signal?: AbortSignal): Promise<string[]> {
  const selector = selectorOf(u.live);
  if (!selector || !u.ref.namespace) return [];
  const pods = await client.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: u.ref.namespace, labelSelector: selector, limit: 50, signal });
  return pods
    .map((pod) => ({ pod, readiness: readinessOf(pod) }))
    .filter((p) => p.readiness.status !== 'Current')
    .slice(0, 3)
    .map((p) => `pod ${p.pod.metadata?.name ?? '?'}: ${p.readiness.message}`);
}

/**
 * Words for a stage failure: a one-line reason naming each unready object, its state and its pods'
 * condition, and details with the conditions and recent events.
 */
export async function explainUnready(client: ClusterClient, unready: readonly Unready[], prefix: string, signal?: AbortSignal): Promise<{ reason: string; details: string[] }> {
  const parts: string[] = [];
  const details: string[] = [];
  for (const u of unready) {
    const pods = await podProblems(client, u, signal).catch(() => []);
    parts.push(`${describeRef(u.ref)}: ${u.readiness.message}${pods[0] ? ` (${pods[0]})` : ''}`);
    details.push(`${describeRef(u.ref)}: ${u.readiness.message}`);
    for (const c of u.readiness.conditions.filter((c) => c.status !== 'True' || c.type === 'Failed')) details.push(`  condition ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`);
    for (const p of pods) details.push(`  ${p}`);
    const events = await client.events(u.ref, 5, signal).catch(() => []);
    for (const e of events) details.push(`  event ${e.type} ${e.reason}: ${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`);
  }
  return { reason: `${prefix}: ${parts.join('; ')}`, details };
}

/** The stage's timeout: its stageTimeoutMs (Orca honours it unless overrideTimeout is false), else `fallbackMs`. */
export function timeoutOf(config: { stageTimeoutMs?: number; overrideTimeout?: boolean }, fallbackMs: number): number {
  return config.overrideTimeout !== false && typeof config.stageTimeoutMs === 'number' && config.stageTimeoutMs > 0 ? config.stageTimeoutMs : fallbackMs;
}

export const POLL_MS = 1_000;
/** Right after a change most objects settle within a second; looking early saves a whole interval. */
export const FIRST_POLL_MS = 100;
/**
 * For this long after the stage starts, a poll keeps looking within the same run (at CLOSE_LOOK_MS, re-reading
 * only the objects still unready) for up to IN_RUN_LOOK_MS: a rollout that completes then is seen within
 * ~100 ms, as `kubectl rollout status` (a watch) sees it, instead of at the next engine poll.
 */
const QUICK_POLLS_FOR_MS = 10_000;
const IN_RUN_LOOK_MS = 2_000;
const CLOSE_LOOK_MS = 100;

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * `assess`, then while some objects are only InProgress and the stage is young, look again at just those
 * until they are Current, one Failed, or the in-run budget is spent.
 */
async function assessClosely(client: ClusterClient, refs: readonly ObjectRef[], young: boolean, signal?: AbortSignal): Promise<Unready[]> {
  let unready = await assess(client, refs, signal);
  const until = Date.now() + IN_RUN_LOOK_MS;
  while (young && unready.length > 0 && unready.every((u) => u.readiness.status === 'InProgress') && Date.now() < until && !signal?.aborted) {
    await pause(CLOSE_LOOK_MS, signal);
    unready = await assess(client, unready.map((u) => u.ref), signal);
  }
  return unready;
}

/**
 * One poll of "wait until stable": succeeded with `outputs` when every object is Current, failed at once
 * when one is Failed (e.g. ProgressDeadlineExceeded) or when the deadline passed, otherwise running again.
 * An unreachable apiserver is not a verdict: the poll repeats until the deadline.
 */
export async function pollStable<S>(input: {
  client: ClusterClient;
  refs: readonly ObjectRef[];
  state: S;
  startedAt: number;
  timeoutMs: number;
  now: number;
  signal?: AbortSignal;
  outputs?: Record<string, unknown>;
  /** The stage's action and wait task names, so the final result shows both ended. */
  taskNames?: readonly [string, string];
}): Promise<StageResult<S>> {
  const { client, refs, state, startedAt, timeoutMs, now, signal } = input;
  const ended = (waitStatus: 'SUCCEEDED' | 'TERMINAL') => (input.taskNames ? { tasks: [task(input.taskNames[0], 'SUCCEEDED'), task(input.taskNames[1], waitStatus)] } : {});
  const seconds = Math.round(timeoutMs / 1000);
  let unready: Unready[];
  try {
    unready = await assessClosely(client, refs, now - startedAt < QUICK_POLLS_FOR_MS, signal);
  } catch (err) {
    if (!isTransient(err)) return failedFrom(err);
    if (now - startedAt > timeoutMs) return { status: 'failed', reason: `Could not confirm the rollout within ${seconds}s: ${(err as Error).message}`, ...ended('TERMINAL') };
    return { status: 'running', state, pollAfterMs: POLL_MS * 2 };
  }
  if (unready.length === 0) return { status: 'succeeded', ...(input.outputs ? { outputs: input.outputs } : {}), ...ended('SUCCEEDED') };
  const failed = unready.filter((u) => u.readiness.status === 'Failed');
  if (failed.length > 0) return { status: 'failed', ...(await explainUnready(client, failed, 'Rollout failed', signal)), ...ended('TERMINAL') };
  if (now - startedAt > timeoutMs) return { status: 'failed', ...(await explainUnready(client, unready, `Not stable after ${seconds}s`, signal)), ...ended('TERMINAL') };
  return { status: 'running', state, pollAfterMs: now - startedAt < QUICK_POLLS_FOR_MS ? FIRST_POLL_MS : POLL_MS };
}
