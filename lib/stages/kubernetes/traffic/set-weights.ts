import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import type { ClusterClient } from '../../../kubernetes/client';
import type { KubeObject } from '../../../kubernetes/types';
import { httpRoute } from './http-route';
import { TrafficError, type RouterKind, type TrafficMirror, type TrafficSnapshot, type TrafficTarget, type TrafficWeight } from './types';
import { virtualService } from './virtual-service';
import { asRecord, checkWeights } from './weights-check';

const routerKinds: Record<TrafficTarget['router']['kind'], RouterKind> = { VirtualService: virtualService, HTTPRoute: httpRoute };
/** A concurrent writer can change the route between our read and our patch; that many fresh tries. */
const ATTEMPTS = 3;

export interface TrafficChange {
  before: TrafficSnapshot;
  after: TrafficSnapshot;
  /** False when the route already was as asked (nothing was written). */
  changed: boolean;
}

async function readRouter(client: ClusterClient, target: TrafficTarget, signal?: AbortSignal): Promise<KubeObject> {
  const kind = routerKinds[target.router.kind];
  const live = await client.find({ kind: kind.resourceName, name: target.router.name, namespace: target.namespace }, signal);
  if (!live) throw new TrafficError(`${target.router.kind} ${target.router.name} does not exist in namespace ${target.namespace} (account ${client.account})`);
  return live;
}

function snapshot(target: TrafficTarget, live: KubeObject): TrafficSnapshot {
  const kind = routerKinds[target.router.kind];
  const located = kind.locate(live, target.router);
  return { kind: target.router.kind, name: target.router.name, namespace: target.namespace, route: located.label, ...kind.snapshotOf(located.rule) };
}

/** The route's traffic as it is now. */
export async function readTrafficWeights(client: ClusterClient, target: TrafficTarget, signal?: AbortSignal): Promise<TrafficSnapshot> {
  return snapshot(target, await readRouter(client, target, signal));
}

/**
 * Rewrites one route of the router with `compute`, as a JSON patch that first tests the route is still
 * what we read: a concurrent change makes the patch fail instead of being overwritten, and we start
 * over from the new state. Writing what is already there is skipped, so repeating a change is free.
 */
async function changeRoute(
  client: ClusterClient,
  target: TrafficTarget,
  compute: (rule: Record<string, unknown>) => Promise<Record<string, unknown>>,
  signal?: AbortSignal,
): Promise<TrafficChange> {
  const kind = routerKinds[target.router.kind];
  const ref = { kind: kind.resourceName, name: target.router.name, namespace: target.namespace };
  for (let attempt = 1; ; attempt++) {
    const live = await readRouter(client, target, signal);
    const located = kind.locate(live, target.router);
    const before = snapshot(target, live);
    const next = await compute(located.rule);
    if (isDeepStrictEqual(next, located.rule)) return { before, after: before, changed: false };
    try {
      const patched = await client.patch(ref, [{ op: 'test', path: located.pointer, value: located.rule }, { op: 'replace', path: located.pointer, value: next }], 'json', signal);
      return { before, after: snapshot(target, patched), changed: true };
    } catch (err) {
      const now = await readRouter(client, target, signal).catch(() => undefined);
      const raced = now !== undefined && !isDeepStrictEqual(asRecord(pointerValue(now, located.pointer)), located.rule);
      if (!raced || attempt >= ATTEMPTS) {
        if (raced) throw new TrafficError(`${target.router.kind} ${target.router.name} kept changing while Foresail set its weights (${ATTEMPTS} tries); try again`);
        throw err;
      }
    }
  }
}

/** `/spec/http/0` of an object (only the object and array steps our pointers use). */
function pointerValue(obj: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((at, key) => (Array.isArray(at) ? at[Number(key)] : asRecord(at)[key]), obj);
}

/**
 * Sets the route's weights (and Istio mirroring; none when `mirror` is absent) on the live router.
 * Refuses, naming what is wrong, weights that do not add up to 100 and destinations the route does not
 * have (for an HTTPRoute, a Service that exists may join the rule). Idempotent.
 */
export async function setTrafficWeights(client: ClusterClient, target: TrafficTarget, weights: readonly TrafficWeight[], mirror?: TrafficMirror, signal?: AbortSignal): Promise<TrafficChange> {
  checkWeights(weights);
  if (mirror && mirror.percentage !== undefined && !(mirror.percentage >= 0 && mirror.percentage <= 100)) {
    throw new TrafficError(`The mirror percentage must be from 0 to 100, got ${mirror.percentage}`);
  }
  const kind = routerKinds[target.router.kind];
  const serviceExists = async (name: string) => {
    const service = await client.find({ apiVersion: 'v1', kind: 'Service', name, namespace: target.namespace }, signal);
    if (!service) return undefined;
    const port = asRecord((asRecord(service.spec).ports as unknown[] | undefined)?.[0]).port;
    return { port: typeof port === 'number' ? port : 80 };
  };
  return changeRoute(client, target, (rule) => kind.withWeights(rule, weights, mirror, serviceExists), signal);
}

/** Puts back exactly the traffic fields `before` recorded (a snapshot from setTrafficWeights). Idempotent. */
export async function restoreTrafficWeights(client: ClusterClient, target: TrafficTarget, before: TrafficSnapshot, signal?: AbortSignal): Promise<TrafficChange> {
  if (before.kind !== target.router.kind || before.name !== target.router.name || before.namespace !== target.namespace) {
    throw new TrafficError(`The recorded weights are of ${before.kind} ${before.name} in ${before.namespace}, not of ${target.router.kind} ${target.router.name} in ${target.namespace}`);
  }
  const kind = routerKinds[target.router.kind];
  return changeRoute(
    client,
    target,
    async (rule) => ({ ...Object.fromEntries(Object.entries(rule).filter(([key]) => !kind.ownedFields.includes(key))), ...before.fields }),
    signal,
  );
}
