import { beforeAll, describe, expect, it } from 'vitest';
import type { KubernetesAccountConfig } from '../../config/kubernetes-schema';
import { clusterClientFor, type ClusterClient } from '../../kubernetes/client';
import { LAST_APPLIED_ANNOTATION } from '../../kubernetes/redact';
import { eventually, testAccounts, uniqueName } from '../../kubernetes/testing';
import { manifestDiffs } from '../../pipeline/stage-resources';
import { dryRunManifests } from '../../services/manifest-dry-run';
import type { KnownStageType } from '../../pipeline';
import { fakeClock, stageContext, type TestStageContext } from '../testing';
import type { StageHandler } from '../types';
import { deployManifest } from './deploy-manifest';
import { findArtifactsFromResource } from './find-artifacts-from-resource';
import { patchManifest } from './patch-manifest';

// Security review 13.6: Secret values applied or read by stages against the real local control plane
// must not reach stage outputs, diffs or dry runs (READ users see outputs, WRITE users dry runs).
let admin: ClusterClient;
let accounts: ReturnType<typeof testAccounts>;
let ns: string;

const b64 = (s: string) => Buffer.from(s).toString('base64');
const VALUES = ['hunter2-original', 'hunter2-rotated', 'api-token-unchanged', 'string-data-value'];
/** Every value, plain and base64 (what `data` holds): none may appear in what is stored or shown. */
const leaks = (value: unknown) => VALUES.flatMap((v) => [v, b64(v)]).filter((needle) => JSON.stringify(value).includes(needle));

const secret = (name: string, password: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: ns },
  type: 'Opaque',
  data: { password: b64(password), token: b64('api-token-unchanged') },
  stringData: { extra: 'string-data-value' },
});

const account = (): KubernetesAccountConfig => ({ ...accounts.admin, permissions: { READ: [], WRITE: [] } });

function context<T extends KnownStageType, S>(handler: StageHandler<T, S>, config: Record<string, unknown>): TestStageContext<T, S> {
  return stageContext(handler, config, { clock: fakeClock(Date.now()), services: { kubernetes: async () => admin } });
}

beforeAll(async () => {
  accounts = testAccounts();
  admin = clusterClientFor(accounts.admin);
  ns = uniqueName('secrets');
  await admin.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => admin.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
});

describe('Secret values in Kubernetes stage outputs', () => {
  it('deployManifest: applied objects and the diff keep key names and show fingerprints, never values', async () => {
    const name = uniqueName('db');
    await admin.apply([secret(name, 'hunter2-original')]);
    // A manifest exported with kubectl carries the whole object, values included, in last-applied-configuration.
    const rotated = secret(name, 'hunter2-rotated');
    const exported = { ...rotated, metadata: { ...rotated.metadata, annotations: { [LAST_APPLIED_ANNOTATION]: JSON.stringify(rotated) } } };
    const result = await deployManifest.run(context(deployManifest, { account: 'it', manifests: [exported] }));
    expect(result.status, JSON.stringify(result)).toBe('running');
    const outputs = 'outputs' in result ? (result.outputs ?? {}) : {};
    expect(leaks(outputs)).toEqual([]);
    const [applied] = outputs['outputs.manifests'] as { data: Record<string, string>; metadata: { annotations: Record<string, string> } }[];
    expect(Object.keys(applied?.data ?? {}).sort()).toEqual(['extra', 'password', 'token']);
    expect(applied?.data.password).toMatch(/^<redacted hmac:[0-9a-f]{16}>$/);
    expect(JSON.parse(applied?.metadata.annotations[LAST_APPLIED_ANNOTATION] ?? '{}')).toMatchObject({ data: { password: expect.stringMatching(/^<redacted hmac:/) } });
    // The change is visible as a change of fingerprint; the unchanged key is not in the diff.
    const [diff] = manifestDiffs(outputs) ?? [];
    const changed = diff?.changes.map((c) => c.path) ?? [];
    expect(changed).toContain('data.password');
    expect(changed).not.toContain('data.token');
    const password = diff?.changes.find((c) => c.path === 'data.password');
    expect(password).toMatchObject({ kind: 'changed', before: expect.stringMatching(/^<redacted hmac:/), after: applied?.data.password });
    expect(password?.before).not.toBe(password?.after);
  });

  it('findArtifactsFromResource and patchManifest: the fetched or patched Secret is redacted', async () => {
    const name = uniqueName('found');
    const original = secret(name, 'hunter2-original');
    await admin.apply([{ ...original, metadata: { ...original.metadata, annotations: { [LAST_APPLIED_ANNOTATION]: JSON.stringify(original) } } }]);
    const found = await findArtifactsFromResource.run(context(findArtifactsFromResource, { account: 'it', location: ns, manifestName: `secret ${name}` }));
    expect(found.status, JSON.stringify(found)).toBe('succeeded');
    const outputs = 'outputs' in found ? found.outputs : {};
    expect(leaks(outputs)).toEqual([]);
    const manifest = outputs?.manifest as { data: Record<string, string>; metadata: { annotations: Record<string, string> } };
    expect(manifest.data.token).toMatch(/^<redacted hmac:/);
    expect(manifest.metadata.annotations[LAST_APPLIED_ANNOTATION]).toMatch(/<redacted hmac:/);

    const patched = await patchManifest.run(context(patchManifest, { account: 'it', location: ns, manifestName: `secret ${name}`, patchBody: { data: { password: b64('hunter2-rotated') } }, options: { mergeStrategy: 'strategic' } }));
    expect(leaks(patched)).toEqual([]);
    expect((await admin.get({ apiVersion: 'v1', kind: 'Secret', name, namespace: ns })).data).toMatchObject({ password: b64('hunter2-rotated') });
  });

  it('the dry-run diff a WRITE user sees shows fingerprints of the changed values only', async () => {
    const name = uniqueName('dry');
    await admin.apply([secret(name, 'hunter2-original')]);
    const result = await dryRunManifests(account(), { manifests: [secret(name, 'hunter2-rotated')], namespace: ns, override: false });
    expect(leaks(result)).toEqual([]);
    const [verdict] = result.verdicts;
    expect(verdict).toMatchObject({ verdict: 'ok', action: 'update' });
    expect(verdict?.changes).toContainEqual(expect.objectContaining({ path: 'data.password', before: expect.stringMatching(/^<redacted hmac:/), after: expect.stringMatching(/^<redacted hmac:/) }));
    const created = await dryRunManifests(account(), { manifests: [secret(uniqueName('new'), 'hunter2-original')], namespace: ns, override: false });
    expect(leaks(created)).toEqual([]);
    expect(created.verdicts[0]).toMatchObject({ action: 'create' });
  });
});
