import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { nextTaskRunStatus, type TaskRunLike } from './build-status';
import { briefly, every, simulatorCluster } from './kube';

export interface BuildControllerOptions {
  kubeconfigPath: string;
  context: string;
  /** Only TaskRuns of this namespace; default every namespace. */
  namespace?: string;
  /** How long a build takes (default 4 s). */
  buildSeconds?: number;
  /** How often the TaskRuns are listed (default 1 s). */
  pollMs?: number;
  log: (line: string) => void;
}

const taskRuns = { group: 'tekton.dev', version: 'v1', plural: 'taskruns' } as const;

/**
 * A SIMULATED build controller (kwok runs no containers, so nothing would build anything): it lists
 * Tekton TaskRuns every second and moves each through Tekton's status lifecycle (nextTaskRunStatus),
 * writing through the status subresource as Tekton does. Nothing is built or pushed.
 */
export function startBuildController(opts: BuildControllerOptions): { stop(): Promise<void> } {
  const { custom } = simulatorCluster(opts.kubeconfigPath, opts.context);
  const buildMs = (opts.buildSeconds ?? 4) * 1000;
  let lastError = '';
  return every(opts.pollMs ?? 1000, async () => {
    try {
      const list = (opts.namespace ? await custom.listNamespacedCustomObject({ ...taskRuns, namespace: opts.namespace }) : await custom.listClusterCustomObject(taskRuns)) as { items?: TaskRunLike[] };
      for (const run of list.items ?? []) {
        const status = nextTaskRunStatus(run, Date.now(), buildMs);
        const { name, namespace } = run.metadata ?? {};
        if (!status || !name || !namespace) continue;
        await custom.patchNamespacedCustomObjectStatus({ ...taskRuns, namespace, name, body: { status } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
        const condition = (status.conditions as { status: string; reason: string }[])[0];
        opts.log(`[build controller, simulated] TaskRun ${namespace}/${name}: ${condition?.reason ?? 'updated'}`);
      }
      lastError = '';
    } catch (err) {
      // Once per kind of failure (the apiserver restarting, a TaskRun deleted meanwhile), not every second.
      const reason = briefly(err);
      if (reason !== lastError) opts.log(`[build controller, simulated] ${reason}; retrying`);
      lastError = reason;
    }
  });
}
