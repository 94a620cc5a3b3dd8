import { describe, expect, it } from 'vitest';
import { renderMetrics } from './exposition';
import { TrafficModel, type Behaviour } from './model';
import { podLoads, routeWeights, subsetLabels, type PodInfo } from './routing';
import { bucketsFromAnnotation } from './simulator';

const vs = {
  spec: {
    hosts: ['goldengoose'],
    http: [{ route: [{ destination: { host: 'goldengoose', subset: 'goldengoose' }, weight: 80 }, { destination: { host: 'goldengoose', subset: 'goldengoose-baseline' }, weight: 10 }, { destination: { host: 'goldengoose', subset: 'goldengoose-canary' }, weight: 10 }] }],
  },
};
const dr = { spec: { subsets: [{ name: 'goldengoose', labels: { track: 'stable' } }, { name: 'goldengoose-baseline', labels: { track: 'baseline' } }, { name: 'goldengoose-canary', labels: { track: 'canary' } }] } };
const pod = (name: string, track: string, image: string, ready = true): PodInfo => ({ name, labels: { app: 'goldengoose', track }, workload: `goldengoose${track === 'stable' ? '' : `-${track}`}`, image, ready });
const pods = [pod('p-1', 'stable', 'goldengoose:v1'), pod('p-2', 'stable', 'goldengoose:v1'), pod('b-1', 'baseline', 'goldengoose:v1'), pod('c-1', 'canary', 'goldengoose:abc1234'), pod('c-2', 'canary', 'goldengoose:abc1234', false)];

describe('routing (as Istio splits traffic)', () => {
  it('splits requests by the VirtualService weights over each subset\'s ready pods', () => {
    const loads = podLoads(1000, routeWeights(vs, 'goldengoose'), subsetLabels(dr), pods, { app: 'goldengoose' });
    expect(Object.fromEntries(loads.map((l) => [l.pod.name, l.rps]))).toEqual({ 'p-1': 400, 'p-2': 400, 'b-1': 100, 'c-1': 100 });
  });

  it('sends everything to production when baseline and canary weigh 0', () => {
    const back = { spec: { http: [{ route: vs.spec.http[0]?.route.map((r, i) => ({ ...r, weight: i === 0 ? 100 : 0 })) }] } };
    const loads = podLoads(1000, routeWeights(back, 'goldengoose'), subsetLabels(dr), pods, { app: 'goldengoose' });
    expect(loads.map((l) => l.pod.name)).toEqual(['p-1', 'p-2']);
  });
});

describe('TrafficModel and its /metrics page (as Istio and cAdvisor report)', () => {
  const run = (canary: Behaviour) => {
    const model = new TrafficModel('goldengoose');
    const loads = podLoads(1000, routeWeights(vs, 'goldengoose'), subsetLabels(dr), pods, { app: 'goldengoose' });
    const behaviourOf = (image: string): Behaviour => (image.endsWith(':abc1234') ? canary : { latency: 1, errors: 1, saturation: 1 });
    for (let i = 0; i < 60; i++) model.tick(loads, 1, behaviourOf, () => [25, 50, 100, 250]);
    return model.counters();
  };
  const share = (c: ReturnType<typeof run>[number], code: string) => (c.codes.get(code)?.requests ?? 0) / [...c.codes.values()].reduce((s, x) => s + x.requests, 0);
  const under50 = (c: ReturnType<typeof run>[number]) => (c.codes.get('200')?.buckets[1] ?? 0) / (c.codes.get('200')?.requests ?? 1);

  it('makes a slower image slower, an erroring one answer more 5xx, a heavier one use more CPU; a healthy one like its baseline', () => {
    const healthy = run({ latency: 1, errors: 1, saturation: 1 });
    const byName = (counters: ReturnType<typeof run>, name: string) => counters.find((c) => c.pod === name) as ReturnType<typeof run>[number];
    expect(Math.abs(under50(byName(healthy, 'c-1')) - under50(byName(healthy, 'b-1')))).toBeLessThan(0.05);
    const slower = run({ latency: 1.3, errors: 1, saturation: 1 });
    expect(under50(byName(slower, 'c-1'))).toBeLessThan(under50(byName(slower, 'b-1')) - 0.1);
    const erroring = run({ latency: 1, errors: 2, saturation: 1 });
    expect(share(byName(erroring, 'c-1'), '503') + share(byName(erroring, 'c-1'), '500')).toBeCloseTo(2 * (share(byName(erroring, 'b-1'), '503') + share(byName(erroring, 'b-1'), '500')), 2);
    const heavier = run({ latency: 1, errors: 1, saturation: 1.25 });
    expect(byName(heavier, 'c-1').cpuSeconds / byName(heavier, 'b-1').cpuSeconds).toBeCloseTo(1.25, 1);
    // The not-ready canary pod received nothing.
    expect(healthy.find((c) => c.pod === 'c-2')).toBeUndefined();
  });

  it('renders Istio\'s metric and label names with whole-number, cumulative counters', () => {
    const text = renderMetrics(run({ latency: 1, errors: 1, saturation: 1 }), { name: 'goldengoose', namespace: 'goldengoose' });
    expect(text).toContain('# TYPE istio_requests_total counter');
    expect(text).toContain('# TYPE istio_request_duration_milliseconds histogram');
    expect(text).toMatch(/istio_requests_total\{reporter="destination",.*destination_workload="goldengoose-canary",.*response_code="200"\} \d+\n/);
    expect(text).toMatch(/istio_request_duration_milliseconds_bucket\{.*destination_workload="goldengoose-baseline",.*le="\+Inf"\} \d+\n/);
    expect(text).toMatch(/container_cpu_usage_seconds_total\{namespace="goldengoose",pod="c-1",container="goldengoose"\} [\d.]+\n/);
    expect(text).toContain('SIMULATED');
    const buckets = [...text.matchAll(/istio_request_duration_milliseconds_bucket\{[^}]*pod="b-1",[^}]*response_code="200",le="([^"]+)"\} (\d+)/g)].map((m) => Number(m[2]));
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
  });

  it('reads Istio\'s statsHistogramBuckets annotation, falling back to Istio\'s defaults', () => {
    expect(bucketsFromAnnotation(JSON.stringify({ istiocustom: [50, 10, 100] }))).toEqual([10, 50, 100]);
    expect(bucketsFromAnnotation('not json')[0]).toBe(0.5);
    expect(bucketsFromAnnotation(undefined)).toHaveLength(19);
  });
});
