import { goldengoose } from '../goldengoose';

/**
 * Finer latency buckets than Istio's defaults (0.5, 1, 5, 10, 25, 50, 100, 250, 500, …), so a p99 of
 * ~130 ms is interpolated within 25 ms instead of 150: Istio takes them from this pod annotation.
 */
export const latencyBucketsMs = [1, 5, 10, 25, 50, 75, 100, 125, 150, 175, 200, 250, 300, 400, 500, 750, 1000, 2500, 5000, 10000];
export const histogramBucketsAnnotation = 'sidecar.istio.io/statsHistogramBuckets';

/** Pods of production carry `track: stable`; canaryRelease's copies replace it with baseline or canary. */
const stable = { app: goldengoose.workload, track: 'stable' };

/**
 * goldengoose in production, as the demo cluster starts with it: a Deployment on `goldengoose:v1`
 * (4 pods), its Service, the DestinationRule naming the subsets by `track`, and the VirtualService
 * that sends all traffic to production (the baseline and canary routes wait at weight 0).
 */
export function productionObjects(namespace: string = goldengoose.namespace): Record<string, unknown>[] {
  const name = goldengoose.workload;
  const subset = (subsetName: string, weight: number) => ({ destination: { host: name, subset: subsetName, port: { number: 80 } }, weight });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { 'istio-injection': 'enabled' } } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, labels: { app: name } },
      spec: {
        replicas: 4,
        selector: { matchLabels: stable },
        template: {
          metadata: { labels: stable, annotations: { 'sidecar.istio.io/inject': 'true', [histogramBucketsAnnotation]: JSON.stringify({ istiocustom: latencyBucketsMs }) } },
          spec: {
            containers: [
              {
                name: goldengoose.container,
                image: `${goldengoose.image}:${goldengoose.productionTag}`,
                ports: [{ name: 'http', containerPort: 8080 }],
                resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
              },
            ],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, labels: { app: name } }, spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name, namespace },
      spec: {
        host: name,
        subsets: [
          { name, labels: { track: 'stable' } },
          { name: `${name}-baseline`, labels: { track: 'baseline' } },
          { name: `${name}-canary`, labels: { track: 'canary' } },
        ],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name, namespace },
      spec: { hosts: [name], http: [{ name: 'primary', route: [subset(name, 100), subset(`${name}-baseline`, 0), subset(`${name}-canary`, 0)] }] },
    },
  ];
}
