import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { V1Pod } from '@kubernetes/client-node';
import { briefly, every, simulatorCluster } from '../kube';
import { renderMetrics } from './exposition';
import { istioDefaultBucketsMs, TrafficModel, type Behaviour, type ServiceShape } from './model';
import { podLoads, routeWeights, subsetLabels, type PodInfo, type RouteWeight } from './routing';

export interface TrafficSimulatorOptions {
  kubeconfigPath: string;
  context: string;
  namespace: string;
  /** The Service, its VirtualService and DestinationRule share this name; its pods carry `app: <service>`. */
  service: string;
  /** Requests per second the service receives (before the slow wave). */
  requestsPerSecond?: number;
  /** How an image behaves (from the commit it was built from). */
  behaviourOf(image: string): Behaviour;
  shape?: ServiceShape;
  /** How often pods and routes are read from the cluster (default 3 s). */
  refreshMs?: number;
  /** How often traffic is added (default 1 s). */
  tickMs?: number;
  log: (line: string) => void;
}

export interface RunningSimulator {
  /** Where Prometheus scrapes it: http://127.0.0.1:PORT/metrics */
  metricsUrl: string;
  stop(): Promise<void>;
}

const networking = { group: 'networking.istio.io', version: 'v1' } as const;

function podInfo(pod: V1Pod): PodInfo | undefined {
  const name = pod.metadata?.name;
  const labels = pod.metadata?.labels ?? {};
  const image = pod.spec?.containers[0]?.image;
  if (!name || !image || pod.metadata?.deletionTimestamp) return undefined;
  // Istio names the workload after the Deployment: the ReplicaSet's name without the pod-template hash.
  const owner = pod.metadata?.ownerReferences?.find((o) => o.kind === 'ReplicaSet')?.name;
  const hash = labels['pod-template-hash'];
  const workload = owner && hash && owner.endsWith(`-${hash}`) ? owner.slice(0, -hash.length - 1) : (owner ?? name);
  const ready = pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  const bucketsAnnotation = pod.metadata?.annotations?.['sidecar.istio.io/statsHistogramBuckets'];
  return { name, labels, workload, image, ready, ...(bucketsAnnotation ? { bucketsAnnotation } : {}) };
}

/** The pod annotation's `istiocustom` buckets (Istio's statsHistogramBuckets), else Istio's defaults. */
export function bucketsFromAnnotation(annotation: string | undefined): number[] {
  if (!annotation) return istioDefaultBucketsMs;
  try {
    const parsed = (JSON.parse(annotation) as { istiocustom?: unknown }).istiocustom;
    if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((n) => typeof n === 'number' && n > 0)) return [...(parsed as number[])].sort((a, b) => a - b);
  } catch {
    // Istio ignores a malformed annotation too.
  }
  return istioDefaultBucketsMs;
}

/**
 * The SIMULATED traffic of one service (kwok pods run no containers, so nothing serves requests):
 * every few seconds it reads the service's pods, the VirtualService's weights and the
 * DestinationRule's subsets from the cluster; every second it adds the requests each ready pod would
 * receive to the counters of TrafficModel; Prometheus scrapes them from /metrics as it would scrape
 * the sidecars and the kubelet.
 */
export async function startTrafficSimulator(opts: TrafficSimulatorOptions): Promise<RunningSimulator> {
  const { core, custom } = simulatorCluster(opts.kubeconfigPath, opts.context);
  const model = new TrafficModel(opts.namespace, opts.shape);
  const rps = opts.requestsPerSecond ?? 600;
  const selector = { app: opts.service };
  let pods: PodInfo[] = [];
  let weights: RouteWeight[] = [];
  let subsets = new Map<string, Record<string, string>>();
  let lastError = '';

  const refresh = async () => {
    try {
      const [podList, vs, dr] = await Promise.all([
        core.listNamespacedPod({ namespace: opts.namespace, labelSelector: `app=${opts.service}` }),
        custom.getNamespacedCustomObject({ ...networking, plural: 'virtualservices', namespace: opts.namespace, name: opts.service }),
        custom.getNamespacedCustomObject({ ...networking, plural: 'destinationrules', namespace: opts.namespace, name: opts.service }),
      ]);
      pods = podList.items.map(podInfo).filter((p): p is PodInfo => p !== undefined);
      weights = routeWeights(vs, opts.service);
      subsets = subsetLabels(dr);
      model.forget(new Set(pods.map((p) => p.name)));
      lastError = '';
    } catch (err) {
      const reason = briefly(err);
      if (reason !== lastError) opts.log(`[traffic simulator, simulated] reading ${opts.namespace}/${opts.service}: ${reason}; keeping the last routes`);
      lastError = reason;
    }
  };

  await refresh();
  const started = Date.now();
  let last = started;
  const reader = every(opts.refreshMs ?? 3000, refresh);
  const ticker = every(opts.tickMs ?? 1000, async () => {
    const now = Date.now();
    // A slow wave, as real traffic has: both sides of a comparison see the same one.
    const load = rps * (1 + 0.15 * Math.sin((2 * Math.PI * (now - started)) / 600_000));
    model.tick(podLoads(load, weights, subsets, pods, selector), (now - last) / 1000, opts.behaviourOf, bucketsFromAnnotation);
    last = now;
  });

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: this simulator serves /metrics only\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(renderMetrics(model.counters(), { name: opts.service, namespace: opts.namespace }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  opts.log(`[traffic simulator, simulated] ${opts.namespace}/${opts.service}: ${rps} requests/s, metrics on http://127.0.0.1:${port}/metrics`);
  return {
    metricsUrl: `http://127.0.0.1:${port}/metrics`,
    async stop() {
      await Promise.all([reader.stop(), ticker.stop()]);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections(); // Prometheus keeps its scrape connection open
      await closed;
    },
  };
}
