import { beforeAll, describe, expect, it } from 'vitest';
import { clusterClientFor, type ClusterClient } from '../../../kubernetes/client';
import { eventually, testAccounts, uniqueName } from '../../../kubernetes/testing';
import type { KubeObject } from '../../../kubernetes/types';
import { fakeClock, stageContext, type TestStageContext } from '../../testing';
import type { StageResult } from '../../types';
import { restoreTrafficWeights, setTrafficWeights } from './set-weights';
import { trafficSplit, type TrafficSplitState } from './traffic-split';

// The stage runs as the engine runs it (state in, result out, again after pollAfterMs) against the local
// control plane, whose Istio and Gateway API CRDs keep spec as given (no mesh is needed to store weights).
let admin: ClusterClient;
let ns: string;

type Ctx = TestStageContext<'trafficSplit', TrafficSplitState>;

function context(config: Record<string, unknown>): Ctx {
  return stageContext(trafficSplit, { account: 'it', namespace: ns, ...config }, { clock: fakeClock(Date.now()), services: { kubernetes: async () => admin } });
}

async function runToEnd(ctx: Ctx): Promise<StageResult<TrafficSplitState> & { allOutputs: Record<string, unknown> }> {
  const allOutputs: Record<string, unknown> = {};
  for (let i = 0; i < 10; i++) {
    const result = await trafficSplit.run(ctx);
    if ('outputs' in result && result.outputs) Object.assign(allOutputs, result.outputs);
    if (result.status !== 'running') return { ...result, allOutputs };
    ctx.state = result.state;
  }
  throw new Error('still running after 10 runs');
}

const reviewsRoute = (name: string) => ({
  name,
  match: [{ headers: { 'x-canary': { exact: 'yes' } } }],
  route: [
    { destination: { host: 'reviews', subset: 'v1', port: { number: 9080 } }, weight: 100 },
    { destination: { host: 'reviews', subset: 'v2', port: { number: 9080 } }, weight: 0 },
  ],
  timeout: '5s',
});

async function virtualService(): Promise<{ name: string; http: Record<string, unknown>[] }> {
  const name = uniqueName('vs');
  const http = [reviewsRoute('by-header'), { name: 'ratings', route: [{ destination: { host: 'ratings.other.svc.cluster.local', subset: 'stable' } }] }, reviewsRoute('main')];
  await admin.apply([{ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name }, spec: { hosts: ['reviews'], http } }], { namespace: ns });
  return { name, http };
}

const liveSpec = async (kind: string, name: string) => (await admin.get({ kind, name, namespace: ns })).spec as { http: Record<string, unknown>[]; rules: Record<string, unknown>[] };

beforeAll(async () => {
  admin = clusterClientFor(testAccounts().admin);
  ns = uniqueName('traffic');
  await admin.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => admin.find({ apiVersion: 'v1', kind: 'Namespace', name: ns }), 10_000, 'namespace');
});

describe('trafficSplit on an Istio VirtualService', () => {
  it('sets the named route’s subset weights and mirroring, is idempotent, and restores exactly on cancel', async () => {
    const { name, http } = await virtualService();
    const config = { router: { kind: 'VirtualService', name, route: 'main' }, weights: [{ destination: 'v1', weight: 75 }, { destination: 'v2', weight: 25 }], mirror: { destination: 'v2', percentage: 10 } };
    const ctx = context(config);
    const result = await runToEnd(ctx);
    expect(result.status, JSON.stringify(result)).toBe('succeeded');
    expect(result.allOutputs).toMatchObject({
      router: { kind: 'VirtualService', name, namespace: ns, route: 'main' },
      weightsBefore: [{ destination: 'v1', weight: 100 }, { destination: 'v2', weight: 0 }],
      mirrorBefore: null,
      weightsAfter: [{ destination: 'v1', weight: 75 }, { destination: 'v2', weight: 25 }],
      mirrorAfter: { destination: 'v2', percentage: 10 },
      changed: true,
    });

    const changed = await liveSpec('virtualservice', name);
    expect(changed.http[2]).toEqual({
      ...http[2],
      route: [
        { destination: { host: 'reviews', subset: 'v1', port: { number: 9080 } }, weight: 75 },
        { destination: { host: 'reviews', subset: 'v2', port: { number: 9080 } }, weight: 25 },
      ],
      mirror: { host: 'reviews', subset: 'v2', port: { number: 9080 } },
      mirrorPercentage: { value: 10 },
    });
    // Only the chosen route changed.
    expect(changed.http.slice(0, 2)).toEqual(http.slice(0, 2));

    // Running the change again writes nothing and reports the same desired state.
    const again = await trafficSplit.run(ctx);
    expect(again).toMatchObject({ status: 'succeeded', outputs: { changed: false, weightsAfter: [{ destination: 'v1', weight: 75 }, { destination: 'v2', weight: 25 }] } });

    await trafficSplit.cancel?.(ctx);
    expect((await liveSpec('virtualservice', name)).http).toEqual(http);
    await trafficSplit.cancel?.(ctx); // idempotent
    expect((await liveSpec('virtualservice', name)).http).toEqual(http);
  });

  it('finds the route by destination host (default the first route) and removes a mirror the stage does not ask for', async () => {
    const { name, http } = await virtualService();
    const byHost = await runToEnd(context({ router: { kind: 'VirtualService', name, host: 'ratings' }, weights: [{ destination: 'stable', weight: 100 }] }));
    expect(byHost).toMatchObject({ status: 'succeeded', allOutputs: { router: { route: 'ratings' }, weightsBefore: [{ destination: 'stable', weight: 100 }] } });
    expect((await liveSpec('virtualservice', name)).http[1]).toEqual({ name: 'ratings', route: [{ destination: { host: 'ratings.other.svc.cluster.local', subset: 'stable' }, weight: 100 }] });

    const target = { namespace: ns, router: { kind: 'VirtualService' as const, name } };
    const mirrored = await setTrafficWeights(admin, target, [{ destination: 'v1', weight: 50 }, { destination: 'v2', weight: 50 }], { destination: 'v2' });
    expect(mirrored.before.route).toBe('by-header');
    expect(mirrored.after.mirror).toEqual({ destination: 'v2', percentage: 100 });
    const unmirrored = await setTrafficWeights(admin, target, [{ destination: 'v1', weight: 100 }]);
    expect(unmirrored.after).toMatchObject({ mirror: null, weights: [{ destination: 'v1', weight: 100 }, { destination: 'v2', weight: 0 }] });
    await restoreTrafficWeights(admin, target, mirrored.before);
    expect((await liveSpec('virtualservice', name)).http[0]).toEqual(http[0]);
  });

  it('refuses an unknown subset, weights that do not add up to 100 and an unknown route, changing nothing', async () => {
    const { name, http } = await virtualService();
    const unknown = await runToEnd(context({ router: { kind: 'VirtualService', name }, weights: [{ destination: 'v1', weight: 50 }, { destination: 'v3', weight: 50 }] }));
    expect(unknown).toMatchObject({ status: 'failed', reason: 'The route has no destination "v3"; its destinations are "v1" or "v2" (add the subset to the route, with weight 0, before shifting traffic to it)' });
    const sum = await runToEnd(context({ router: { kind: 'VirtualService', name }, weights: [{ destination: 'v1', weight: 50 }, { destination: 'v2', weight: 40 }] }));
    expect(sum).toMatchObject({ status: 'failed', reason: 'The weights add up to 90; they must add up to 100 (v1 50, v2 40)' });
    const route = await runToEnd(context({ router: { kind: 'VirtualService', name, route: 'nope' }, weights: [{ destination: 'v1', weight: 100 }] }));
    expect(route).toMatchObject({ status: 'failed', reason: `VirtualService ${name} has no http route named "nope" (it has "by-header", "ratings" or "main")` });
    const missing = await runToEnd(context({ router: { kind: 'VirtualService', name: 'absent' }, weights: [{ destination: 'v1', weight: 100 }] }));
    expect(missing).toMatchObject({ status: 'failed', reason: `VirtualService absent does not exist in namespace ${ns} (account ${admin.account})` });
    expect((await liveSpec('virtualservice', name)).http).toEqual(http);
  });
});

describe('trafficSplit on a Gateway API HTTPRoute', () => {
  const service = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 8080 }] } });

  it('sets backendRef weights on the named rule (a Service may join it) and restores on cancel', async () => {
    const name = uniqueName('route');
    const stable = uniqueName('stable');
    const canary = uniqueName('canary');
    await admin.apply([service(stable), service(canary)], { namespace: ns });
    const rules = [
      { name: 'health', matches: [{ path: { type: 'PathPrefix', value: '/healthz' } }], backendRefs: [{ name: stable, port: 8080 }] },
      { name: 'app', backendRefs: [{ name: stable, port: 8080 }] },
    ];
    await admin.apply([{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name }, spec: { parentRefs: [{ name: 'gw' }], rules } }], { namespace: ns });

    const ctx = context({ router: { kind: 'HTTPRoute', name, route: 'app' }, weights: [{ destination: stable, weight: 90 }, { destination: canary, weight: 10 }] });
    const result = await runToEnd(ctx);
    expect(result.status, JSON.stringify(result)).toBe('succeeded');
    expect(result.allOutputs).toMatchObject({
      router: { kind: 'HTTPRoute', name, route: 'app' },
      weightsBefore: [{ destination: stable, weight: 1 }],
      weightsAfter: [{ destination: stable, weight: 90 }, { destination: canary, weight: 10 }],
    });
    const live = await liveSpec('httproute', name);
    expect(live.rules[1]).toEqual({ name: 'app', backendRefs: [{ name: stable, port: 8080, weight: 90 }, { name: canary, port: 8080, weight: 10 }] });
    expect(live.rules[0]).toEqual(rules[0]);

    await trafficSplit.cancel?.(ctx);
    expect((await liveSpec('httproute', name)).rules).toEqual(rules);
  });

  it('refuses a destination that is neither a backend nor a Service, and mirroring', async () => {
    const name = uniqueName('route');
    const rules = [{ backendRefs: [{ name: 'web', port: 80, weight: 100 }] }];
    await admin.apply([{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name }, spec: { rules } }], { namespace: ns });
    const unknown = await runToEnd(context({ router: { kind: 'HTTPRoute', name }, weights: [{ destination: 'web', weight: 50 }, { destination: 'ghost', weight: 50 }] }));
    expect(unknown).toMatchObject({ status: 'failed', reason: '"ghost" is neither a backend of the rule ("web") nor a Service in the route\'s namespace' });
    const mirror = await runToEnd(context({ router: { kind: 'HTTPRoute', name }, weights: [{ destination: 'web', weight: 100 }], mirror: { destination: 'web' } }));
    expect(mirror).toMatchObject({ status: 'failed', reason: 'Mirroring is set on Istio VirtualServices only; remove "mirror" from the stage or use a VirtualService' });
    expect((await liveSpec('httproute', name)).rules).toEqual(rules);
  });
});
