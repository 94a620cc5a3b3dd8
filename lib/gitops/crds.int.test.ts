import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterClientFor, type ClusterClient } from '../kubernetes/client';
import { connectionFor } from '../kubernetes/connection';
import { isKubernetesFailure, type KubernetesFailure } from '../kubernetes/errors';
import { eventually, testAccounts, uniqueName } from '../kubernetes/testing';
import type { KubeObject } from '../kubernetes/types';
import { GITOPS_API_VERSION } from './crds';
import { installGitopsResources } from './install';
import type { StructuralSchema } from './structural-schema';

const { admin } = testAccounts();
const namespace = uniqueName('gitops');
let cluster: ClusterClient;

const pipeline = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: GITOPS_API_VERSION, kind: 'Pipeline', metadata: { name, namespace }, spec });
const wait = (refId: string, requisiteStageRefIds: unknown[] = []) => ({ type: 'wait', name: `Wait ${refId}`, refId, requisiteStageRefIds, waitTime: 5 });

async function refusal(object: KubeObject): Promise<KubernetesFailure> {
  try {
    await cluster.apply([object]);
  } catch (err) {
    if (isKubernetesFailure(err)) return err;
    throw err;
  }
  throw new Error(`${object.kind} ${object.metadata?.name} was accepted`);
}

beforeAll(async () => {
  cluster = clusterClientFor(admin);
  await installGitopsResources(cluster);
  await cluster.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }]);
});

afterAll(async () => {
  await cluster?.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace }).catch(() => undefined);
});

describe('GitOps CRDs on the real apiserver', () => {
  it('publish the pipeline schema in OpenAPI v3 (what kubectl explain reads)', async () => {
    const connection = connectionFor(admin);
    const stages = await eventually(
      async () => {
        const index = await connection.request<{ paths: Record<string, { serverRelativeURL: string }> }>({ method: 'GET', path: '/openapi/v3', what: 'reading the OpenAPI index' });
        const entry = index.paths['apis/foresail.dev/v1alpha1'];
        if (!entry) return undefined;
        const doc = await connection.request<{ components: { schemas: Record<string, StructuralSchema> } }>({ method: 'GET', path: entry.serverRelativeURL, what: 'reading the foresail.dev OpenAPI' });
        return doc.components.schemas['dev.foresail.v1alpha1.Pipeline']?.properties?.spec?.properties?.stages;
      },
      30_000,
      'the Pipeline schema in /openapi/v3',
    );
    expect(stages.type).toBe('array');
    expect(Object.keys(stages.items?.properties ?? {})).toEqual(expect.arrayContaining(['refId', 'requisiteStageRefIds', 'waitTime', 'manifests']));
  });

  it('refuse a wrong type at apply time, naming the field', async () => {
    const err = await refusal(pipeline('typo', { application: 'payments', stages: 'not a list' }));
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/spec\.stages/);
  });

  it('refuse a CanaryConfig whose metrics are not a list', async () => {
    const err = await refusal({ apiVersion: GITOPS_API_VERSION, kind: 'CanaryConfig', metadata: { name: 'bad', namespace }, spec: { application: 'payments', metrics: { name: 'x' } } });
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/spec\.metrics/);
  });

  it('accept a valid pipeline and keep the fields Spinnaker’s open model allows', async () => {
    const [stored] = await cluster.apply([pipeline('build', { application: 'payments', stages: [wait('1'), { ...wait('2', ['1']), customField: { kept: true } }], someFutureKey: 'kept' })]);
    const spec = stored?.spec as { stages: Record<string, unknown>[]; someFutureKey?: string };
    expect(spec.stages[1]?.customField).toEqual({ kept: true });
    expect(spec.someFutureKey).toBe('kept');
  });

  it('refuse duplicate refIds and unknown requisite refs (ValidatingAdmissionPolicy, CEL)', async () => {
    // A new policy takes a moment to be loaded by the apiserver: retry until it answers.
    const duplicate = await eventually(async () => {
      try {
        await cluster.apply([pipeline(uniqueName('dup'), { application: 'payments', stages: [wait('a'), wait('a'), wait('b')] })]);
        return undefined;
      } catch (err) {
        if (isKubernetesFailure(err)) return err;
        throw err;
      }
    }, 30_000, 'the graph policy to refuse duplicate refIds');
    expect(duplicate.message).toContain('stage refIds must be unique; used more than once: a');
    const unknown = await refusal(pipeline('dangling', { application: 'payments', stages: [wait('1'), wait('2', ['1', 'nope'])] }));
    expect(unknown.message).toContain('requisiteStageRefIds must name stages of this pipeline; unknown: nope');
    // Spinnaker exports write refIds as numbers; the rules compare them as text.
    await cluster.apply([pipeline('numeric', { application: 'payments', stages: [wait('1'), { ...wait('2'), refId: 2, requisiteStageRefIds: [1] }] })]);
  });
});
