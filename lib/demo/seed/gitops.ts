import 'server-only';
import { GITOPS_API_VERSION } from '../../gitops/crds';
import { installGitopsResources } from '../../gitops/install';
import { clusterClientFor } from '../../kubernetes/client';
import type { KubeObject } from '../../kubernetes/types';
import { goldengoose } from '../goldengoose';

/**
 * One of goldengoose's pipelines kept as a Kubernetes resource, to show GitOps in the demo: the
 * worker's sync (the demo account's pipelineSync binds the namespace to goldengoose) saves it as a
 * read-only pipeline "Managed by Kubernetes"; `kubectl --context demo apply` changes it.
 */
export function smokeTestResource(): KubeObject {
  const { namespace, resource, pipeline } = goldengoose.gitops;
  return {
    apiVersion: GITOPS_API_VERSION,
    kind: 'Pipeline',
    metadata: { name: resource, namespace },
    spec: {
      application: goldengoose.application,
      name: pipeline,
      stages: [
        { refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Let production settle', waitTime: 10 },
        {
          refId: '2',
          requisiteStageRefIds: ['1'],
          type: 'manualJudgment',
          name: 'Production looks healthy?',
          instructions: 'Open the goldengoose Infrastructure view and check production before continuing.',
          judgmentInputs: [],
          notifications: [],
        },
      ],
    },
  };
}

/**
 * Installs the GitOps CRDs in the demo cluster and creates the smoke-test resource when missing, so
 * what people changed with kubectl survives a restart of the demo.
 */
export async function seedGitops(kubeconfigPath: string, context: string, log: (line: string) => void): Promise<void> {
  const client = clusterClientFor({ name: 'demo-seed', kubeconfigFile: kubeconfigPath, context, inCluster: false, namespaces: [] });
  await installGitopsResources(client);
  const { namespace, resource } = goldengoose.gitops;
  if (!(await client.find({ apiVersion: 'v1', kind: 'Namespace', name: namespace }))) await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }]);
  if (await client.find({ apiVersion: GITOPS_API_VERSION, kind: 'Pipeline', name: resource, namespace })) {
    log(`[gitops] Pipeline ${namespace}/${resource} already present; left as it is`);
    return;
  }
  await client.apply([smokeTestResource()]);
  log(`[gitops] created Pipeline ${namespace}/${resource}`);
}
