import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readCluster } from '../world/endpoints';
import type { KubernetesAccountSettings } from './types';

/** Test accounts on a local cluster the integration project started (lib/world/cluster). */
export function testAccounts(cluster = process.env.FORESAIL_TEST_CLUSTERS?.split(',')[0]?.trim() || 'it-a') {
  const info = readCluster(cluster);
  const admin: KubernetesAccountSettings = { name: `${cluster}-admin`, kubeconfigFile: info.kubeconfigPath, context: info.adminContext, inCluster: false, namespaces: [] };
  const restricted: KubernetesAccountSettings = { name: `${cluster}-restricted`, kubeconfigFile: info.kubeconfigPath, context: info.restrictedContext, inCluster: false, namespaces: [] };
  return { info, admin, restricted, restrictedNamespace: info.restrictedNamespace };
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An account whose kubeconfig points at a port nothing listens on (same credentials otherwise). */
export async function unreachableAccount(base: KubernetesAccountSettings): Promise<KubernetesAccountSettings> {
  const port = await closedPort();
  const text = fs.readFileSync(base.kubeconfigFile ?? '', 'utf8').replace(/server: https:\/\/127\.0\.0\.1:\d+/g, `server: https://127.0.0.1:${port}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-kube-'));
  const file = path.join(dir, 'kubeconfig');
  fs.writeFileSync(file, text, { mode: 0o600 });
  return { ...base, name: `${base.name}-unreachable`, kubeconfigFile: file };
}

export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function deploymentManifest(name: string, image: string, opts: { replicas?: number; namespace?: string; annotations?: Record<string, string>; progressDeadlineSeconds?: number } = {}) {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels, ...(opts.namespace ? { namespace: opts.namespace } : {}) },
    spec: {
      replicas: opts.replicas ?? 2,
      ...(opts.progressDeadlineSeconds ? { progressDeadlineSeconds: opts.progressDeadlineSeconds } : {}),
      selector: { matchLabels: labels },
      template: { metadata: { labels, ...(opts.annotations ? { annotations: opts.annotations } : {}) }, spec: { containers: [{ name: 'app', image }] } },
    },
  };
}
