/**
 * The simulated build controller on the local cluster: a TaskRun goes Running, then Succeeded with
 * Tekton's IMAGE_URL / IMAGE_DIGEST results, written through the status subresource. (The results
 * survive only because the test cluster's TaskRun CRD keeps unknown status fields; before the world's
 * bootstrap sent the CRD schema as written, the apiserver pruned them.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterClientFor, type ClusterClient } from '@/lib/kubernetes/client';
import { eventually, testAccounts, uniqueName } from '@/lib/kubernetes/testing';
import { imageDigest } from './build-status';
import { startBuildController } from './build-controller';

let client: ClusterClient;
let ns: string;
let controller: { stop(): Promise<void> };
const lines: string[] = [];

beforeAll(async () => {
  const { info, admin } = testAccounts();
  client = clusterClientFor(admin);
  ns = uniqueName('builds');
  await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  controller = startBuildController({ kubeconfigPath: info.kubeconfigPath, context: info.adminContext, namespace: ns, buildSeconds: 1, pollMs: 200, log: (l) => lines.push(l) });
}, 60_000);

afterAll(async () => {
  await controller.stop();
  await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
});

const taskRun = (name: string, params: { name: string; value: string }[]) => ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name }, spec: { taskRef: { name: 'build-image' }, params } });
type Status = { conditions?: { type: string; status: string; reason?: string; message?: string }[]; results?: { name: string; value: string }[] };
const statusOf = async (name: string) => (await client.get({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', name, namespace: ns })).status as Status | undefined;
const finished = (name: string) => eventually(async () => { const s = await statusOf(name); return s?.conditions?.some((c) => c.type === 'Succeeded' && c.status !== 'Unknown') ? s : undefined; }, 20_000, `TaskRun ${name} to finish`);

describe('the simulated build controller', () => {
  it('completes a TaskRun with the image and its digest as results', async () => {
    await client.apply([taskRun('build-ok', [{ name: 'IMAGE', value: 'goldengoose:abc1234' }, { name: 'revision', value: 'abc1234' }])], { namespace: ns });
    const status = await finished('build-ok');
    expect(status.conditions?.[0]).toMatchObject({ type: 'Succeeded', status: 'True', reason: 'Succeeded' });
    expect(status.results).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'IMAGE_URL', value: 'goldengoose:abc1234' }), expect.objectContaining({ name: 'IMAGE_DIGEST', value: imageDigest('goldengoose:abc1234', 'abc1234') })]));
    expect(lines.some((l) => l.includes('simulated') && l.includes('build-ok'))).toBe(true);
  });

  it('fails a TaskRun that names no image, saying so', async () => {
    await client.apply([taskRun('build-bad', [{ name: 'revision', value: 'abc1234' }])], { namespace: ns });
    const status = await finished('build-bad');
    expect(status.conditions?.[0]).toMatchObject({ status: 'False', reason: 'TaskRunValidationFailed' });
    expect(status.conditions?.[0]?.message).toMatch(/IMAGE/);
  });
});
