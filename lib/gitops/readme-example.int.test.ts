import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterClientFor, type ClusterClient } from '../kubernetes/client';
import { isKubernetesFailure } from '../kubernetes/errors';
import { eventually, testAccounts, uniqueName } from '../kubernetes/testing';
import type { KubeObject } from '../kubernetes/types';
import { checkPipeline } from '../pipeline';
import { checkTemplateSyntax } from '../pipeline/expressions';
import { storedCanaryConfigSchema } from '../canary/stats/config-rules';
import { installGitopsResources } from './install';

/** The complete example of README "GitOps": the YAML block holding the Role. */
function readmeExample(): KubeObject[] {
  const readme = fs.readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## GitOps'), readme.indexOf('\n## ', readme.indexOf('## GitOps') + 3));
  const block = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').find((text) => text.includes('kind: Role'));
  if (!block) throw new Error('README GitOps section has no complete example');
  return parseAllDocuments(block).map((d) => d.toJSON() as KubeObject);
}

const { admin, restricted, restrictedNamespace } = testAccounts();
const example = readmeExample();
const inNamespace = (object: KubeObject, namespace: string): KubeObject => ({ ...object, metadata: { ...object.metadata, namespace } });
let cluster: ClusterClient;

beforeAll(async () => {
  cluster = clusterClientFor(admin);
  await installGitopsResources(cluster);
});

afterAll(async () => {
  for (const object of example.filter((o) => o.apiVersion === 'foresail.dev/v1alpha1')) {
    await cluster?.delete({ apiVersion: String(object.apiVersion), kind: String(object.kind), name: String(object.metadata?.name), namespace: restrictedNamespace }).catch(() => undefined);
  }
});

describe('README GitOps example', () => {
  it('holds pipelines Foresail accepts without errors', () => {
    expect(example.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['CanaryConfig/goldengoose-latency', 'Pipeline/build', 'Pipeline/deploy', 'Role/foresail-pipeline-editor', 'RoleBinding/foresail-pipeline-editor']);
    // As the sync reads it: the name defaults to the resource's name.
    const { application: _application, ...kayenta } = example[0]!.spec as { application?: string; name?: string };
    expect(storedCanaryConfigSchema.safeParse({ name: example[0]!.metadata?.name, ...kayenta }).error?.issues ?? []).toEqual([]);
    const pipelines = example.filter((o) => o.kind === 'Pipeline');
    for (const p of pipelines) {
      const { issues } = checkPipeline(p.spec, { accounts: ['prod'], readableApplications: ['goldengoose'], checkExpression: checkTemplateSyntax });
      expect(issues.filter((i) => i.severity === 'error'), `${p.metadata?.name}`).toEqual([]);
    }
  });

  it('has a Role that lets the bound team edit pipelines in its namespace only, and not forge their status (RBAC authorizer)', async () => {
    const namespace = uniqueName('gg');
    const subject = { kind: 'ServiceAccount', name: 'goldengoose-ci', namespace };
    await cluster.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }]);
    try {
      await cluster.apply([inNamespace(example.find((o) => o.kind === 'Role')!, namespace), { ...inNamespace(example.find((o) => o.kind === 'RoleBinding')!, namespace), subjects: [subject] }]);
      const may = async (verb: string, ns: string, subresource?: string) => {
        const review = await cluster.create(
          {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SubjectAccessReview',
            spec: { user: `system:serviceaccount:${namespace}:goldengoose-ci`, groups: ['system:serviceaccounts'], resourceAttributes: { group: 'foresail.dev', resource: 'pipelines', verb, namespace: ns, ...(subresource ? { subresource } : {}) } },
          },
          undefined,
        );
        return (review.status as { allowed?: boolean } | undefined)?.allowed === true;
      };
      await eventually(async () => ((await may('create', namespace)) ? true : undefined), 15_000, 'the RoleBinding to take effect');
      expect(await may('delete', namespace)).toBe(true);
      expect(await may('create', 'default')).toBe(false);
      expect(await may('patch', namespace, 'status')).toBe(false);
    } finally {
      await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace });
    }
  });

  it('applies as the namespace-limited identity in its namespace, and is forbidden elsewhere', async () => {
    const asRestricted = clusterClientFor(restricted);
    const resources = example.filter((o) => o.apiVersion === 'foresail.dev/v1alpha1');
    const stored = await asRestricted.apply(resources.map((p) => inNamespace(p, restrictedNamespace)));
    expect(stored.map((p) => p.metadata?.name)).toEqual(['goldengoose-latency', 'build', 'deploy']);
    const pipelines = resources.filter((o) => o.kind === 'Pipeline');
    const elsewhere = await asRestricted.apply([inNamespace(pipelines[0]!, 'default')]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isKubernetesFailure(elsewhere, 'forbidden')).toBe(true);
  });
});
