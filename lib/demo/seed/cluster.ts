import 'server-only';
import { clusterClientFor } from '../../kubernetes/client';
import type { KubeObject } from '../../kubernetes/types';
import { goldengoose } from '../goldengoose';
import { productionObjects } from './production';

/**
 * goldengoose's production on the demo cluster: each object is created only when missing, so a
 * promoted image, changed weights or anything else people did survives a restart of the demo.
 */
export async function seedProduction(kubeconfigPath: string, context: string, log: (line: string) => void, namespace: string = goldengoose.namespace): Promise<void> {
  const client = clusterClientFor({ name: 'demo-seed', kubeconfigFile: kubeconfigPath, context, inCluster: false, namespaces: [] });
  const created: string[] = [];
  for (const object of productionObjects(namespace) as KubeObject[]) {
    const { apiVersion = '', kind = '', metadata } = object;
    const name = metadata?.name ?? '';
    if (await client.find({ apiVersion, kind, name, ...(metadata?.namespace ? { namespace: metadata.namespace } : {}) })) continue;
    await client.apply([object]);
    created.push(`${kind} ${name}`);
  }
  log(created.length > 0 ? `[goldengoose] created ${created.join(', ')}` : '[goldengoose] production objects already present; left as they are');
}
