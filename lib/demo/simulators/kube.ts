import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';

/**
 * The simulators stand in for other programs (Tekton's controller, Envoy sidecars, cAdvisor), so
 * they talk to the cluster with the Kubernetes client directly, as those programs would, rather than
 * through Foresail's own client.
 */
export interface SimulatorCluster {
  core: CoreV1Api;
  custom: CustomObjectsApi;
}

export function simulatorCluster(kubeconfigPath: string, context: string): SimulatorCluster {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  kc.setCurrentContext(context);
  return { core: kc.makeApiClient(CoreV1Api), custom: kc.makeApiClient(CustomObjectsApi) };
}

/** A short reason for a log line (client errors embed whole responses). */
export const briefly = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]?.slice(0, 200) ?? 'unknown error';

/** Runs `step` every `ms` until stopped; a step never overlaps the previous one. */
export function every(ms: number, step: () => Promise<void>): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    running = step().finally(() => {
      if (!stopped) timer = setTimeout(loop, ms);
    });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
