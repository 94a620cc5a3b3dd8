import type { V1Deployment, V1Job } from '@kubernetes/client-node';

/** Pod markers understood by this cluster's kwok stages (see kwok/pod-stages.yaml). */
export const neverReadyAnnotation = 'foresail.dev/never-ready';
export const failAnnotation = 'foresail.dev/fail';

export function deployment(
  name: string,
  opts: { replicas: number; image: string; annotations?: Record<string, string>; progressDeadlineSeconds?: number },
): V1Deployment {
  const labels = { app: name };
  return {
    metadata: { name, labels },
    spec: {
      replicas: opts.replicas,
      progressDeadlineSeconds: opts.progressDeadlineSeconds,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations: opts.annotations },
        spec: { containers: [{ name: 'app', image: opts.image }] },
      },
    },
  };
}

export function job(name: string, opts: { annotations?: Record<string, string>; image?: string } = {}): V1Job {
  return {
    metadata: { name },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { annotations: opts.annotations },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: opts.image ?? 'registry.example/task:1' }] },
      },
    },
  };
}

/** A namespace name unique to this test run, so reruns against a long-lived cluster never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
}
