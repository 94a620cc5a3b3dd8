import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { clusterClientFor } from '@/lib/kubernetes/client';
import { deploymentManifest, eventually, testAccounts, uniqueName } from '@/lib/kubernetes/testing';
import { accountDtoSchema, accountNamespacesSchema, dryRunResultSchema, type AccountDto } from '@/lib/pipeline/kubernetes-accounts';
import { GET as list } from './route';
import { GET as getOne } from './[name]/route';
import { POST as dryRun } from './[name]/dry-run/route';
import { GET as namespaces } from './[name]/namespaces/route';

// Against the real local control plane the integration project starts (lib/world/cluster).
const cluster = testAccounts();

/** The admin kubeconfig with its server moved to port 1, where nothing listens: connection refused at once. */
function closedPortKubeconfig(): string {
  const text = fs.readFileSync(cluster.info.kubeconfigPath, 'utf8').replace(/server: https:\/\/127\.0\.0\.1:\d+/g, 'server: https://127.0.0.1:1');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-down-')), 'kubeconfig');
  fs.writeFileSync(file, text, { mode: 0o600 });
  return file;
}

const kubeconfigFile = cluster.info.kubeconfigPath;
useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] }, {}, {
  accounts: [
    { name: 'k8s-main', kubeconfigFile, context: cluster.info.adminContext, permissions: { READ: ['viewers', 'deployers'], WRITE: ['deployers'] } },
    { name: 'k8s-team', kubeconfigFile, context: cluster.info.restrictedContext, namespaces: [cluster.restrictedNamespace], permissions: { READ: ['viewers', 'deployers'], WRITE: ['deployers'] } },
    { name: 'k8s-restricted', kubeconfigFile, context: cluster.info.restrictedContext, permissions: { READ: ['deployers'], WRITE: ['deployers'] } },
    { name: 'k8s-secret', kubeconfigFile, context: cluster.info.adminContext, permissions: { READ: ['admins'], WRITE: ['admins'] } },
    { name: 'k8s-down', kubeconfigFile: closedPortKubeconfig(), context: cluster.info.adminContext, permissions: { READ: ['viewers', 'deployers'], WRITE: ['deployers'] } },
  ],
});

let viewer: Record<string, string>;
let deployer: Record<string, string>;
let ns: string;
const as = async (login: string, groups: string[]) => ({ cookie: cookieHeader(await sessionCookie({ login, groups, secret: testSecret })) });

beforeAll(async () => {
  viewer = await as('vic', ['viewers']);
  deployer = await as('dee', ['deployers']);
  ns = uniqueName('acct');
  await clusterClientFor(cluster.admin).apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
});

const accountPath = (name: string, rest = '') => ({ path: `/api/v1/accounts/${name}${rest}`, params: { name } });
const runDryRun = (headers: Record<string, string>, name: string, body: unknown) => call(dryRun, { method: 'POST', ...accountPath(name, '/dry-run'), headers, body });

describe('GET /api/v1/accounts', () => {
  it('lists the accounts the caller may read, with live status, and caches the probe', async () => {
    const res = await call<AccountDto[]>(list, { path: '/api/v1/accounts', headers: viewer });
    expect(res.status).toBe(200);
    const accounts = res.body.map((a) => accountDtoSchema.parse(a));
    expect(accounts.map((a) => a.name).sort()).toEqual(['k8s-down', 'k8s-main', 'k8s-team']);
    const main = accounts.find((a) => a.name === 'k8s-main');
    expect(main).toMatchObject({ type: 'kubernetes', canWrite: false, namespaces: [], permissions: { READ: ['viewers', 'deployers'], WRITE: ['deployers'] }, status: { reachable: true, error: null } });
    expect(main?.status.serverVersion).toBe(await clusterClientFor(cluster.admin).version());
    expect(accounts.find((a) => a.name === 'k8s-team')?.namespaces).toEqual([cluster.restrictedNamespace]);
    const down = accounts.find((a) => a.name === 'k8s-down');
    expect(down?.status).toMatchObject({ reachable: false, serverVersion: null });
    expect(down?.status.error).toMatch(/^Cannot reach the cluster .* on account k8s-down/);

    const again = await call<AccountDto[]>(list, { path: '/api/v1/accounts', headers: deployer });
    const mainAgain = again.body.find((a) => a.name === 'k8s-main');
    expect(mainAgain?.canWrite).toBe(true);
    expect(mainAgain?.status.checkedAt).toBe(main?.status.checkedAt); // served from the ~15 s cache
  });

  it('answers one account, and 404 for one the caller may not read', async () => {
    expect((await call(getOne, { ...accountPath('k8s-secret'), headers: viewer })).status).toBe(404);
    expect((await call(getOne, { ...accountPath('nope'), headers: viewer })).status).toBe(404);
    const res = await call(getOne, { ...accountPath('k8s-main'), headers: viewer });
    expect(res.status).toBe(200);
    expect(accountDtoSchema.parse(res.body).status.reachable).toBe(true);
    expect((await call(getOne, { ...accountPath('k8s-main') })).status).toBe(401);
  });
});

describe('GET /api/v1/accounts/{name}/namespaces', () => {
  it('offers the allow-list, or the live namespaces when there is none', async () => {
    const team = accountNamespacesSchema.parse((await call(namespaces, { ...accountPath('k8s-team', '/namespaces'), headers: viewer })).body);
    expect(team).toEqual({ account: 'k8s-team', namespaces: [cluster.restrictedNamespace], source: 'allow-list' });
    const main = accountNamespacesSchema.parse((await call(namespaces, { ...accountPath('k8s-main', '/namespaces'), headers: viewer })).body);
    expect(main.source).toBe('cluster');
    expect(main.namespaces).toEqual(expect.arrayContaining(['default', 'kube-system', ns]));
    expect((await call(namespaces, { ...accountPath('k8s-secret', '/namespaces'), headers: viewer })).status).toBe(404);
  });

  it('says plainly when the cluster cannot be reached', async () => {
    const res = await call<{ error: string; message: string }>(namespaces, { ...accountPath('k8s-down', '/namespaces'), headers: viewer });
    expect(res.status).toBe(503);
    expect(res.body.error).toBe('cluster_unreachable');
    expect(res.body.message).toMatch(/^Cannot reach the cluster .* on account k8s-down/);
  });
});

describe('POST /api/v1/accounts/{name}/dry-run', () => {
  it('needs WRITE on the account and a valid body naming the field', async () => {
    const manifests = [deploymentManifest('w', 'registry.example/web:1')];
    expect((await runDryRun(viewer, 'k8s-main', { manifests })).status).toBe(403);
    expect((await runDryRun(viewer, 'k8s-secret', { manifests })).status).toBe(404);
    const empty = await runDryRun(deployer, 'k8s-main', { manifests: [] });
    expect(empty.status).toBe(422);
    expect(JSON.stringify(empty.body)).toContain('"path":"manifests"');
    const badNs = await runDryRun(deployer, 'k8s-main', { manifests, namespace: 'Not_A_Namespace' });
    expect(badNs.status).toBe(422);
    expect(JSON.stringify(badNs.body)).toContain('"path":"namespace"');
  });

  it('reports an invalid manifest with the apiserver field path, and a valid one as a creation', async () => {
    const name = uniqueName('web');
    const broken = deploymentManifest(name, 'registry.example/web:1');
    broken.spec.template.spec.containers = [{ name: 'app' } as { name: string; image: string }];
    const res = await runDryRun(deployer, 'k8s-main', { manifests: [broken, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } }], namespace: ns });
    expect(res.status).toBe(200);
    const [invalid, ok] = dryRunResultSchema.parse(res.body).verdicts;
    expect(invalid).toMatchObject({ index: 0, object: `Deployment ${name} in ${ns}`, verdict: 'invalid', action: null });
    expect(invalid?.causes.map((c) => c.field)).toContain('spec.template.spec.containers[0].image');
    expect(ok).toMatchObject({ index: 1, verdict: 'ok', action: 'create', object: `ConfigMap ${name} in ${ns}` });
    expect(ok?.changes).toEqual([{ path: '', kind: 'added', after: expect.objectContaining({ kind: 'ConfigMap', data: { a: '1' } }) }]);
    // Nothing was stored.
    expect(await clusterClientFor(cluster.admin).find({ kind: 'configmap', name, namespace: ns })).toBeUndefined();
  });

  it('diffs against the live object, leaving out the fields the apiserver maintains', async () => {
    const name = uniqueName('live');
    const admin = clusterClientFor(cluster.admin);
    await admin.apply([deploymentManifest(name, 'registry.example/web:1')], { namespace: ns });
    // The controller annotates a new Deployment with its revision; wait, so the object holds still.
    await eventually(async () => ((await admin.get({ kind: 'deployment', name, namespace: ns })).metadata?.annotations?.['deployment.kubernetes.io/revision'] ? true : undefined), 30_000, 'revision annotation');
    const same = dryRunResultSchema.parse((await runDryRun(deployer, 'k8s-main', { manifests: [deploymentManifest(name, 'registry.example/web:1')], namespace: ns })).body);
    expect(same.verdicts[0]).toMatchObject({ verdict: 'ok', action: 'unchanged', changes: [] });
    const changed = dryRunResultSchema.parse((await runDryRun(deployer, 'k8s-main', { manifests: [deploymentManifest(name, 'registry.example/web:2', { replicas: 3 })], namespace: ns })).body);
    expect(changed.verdicts[0]?.action).toBe('update');
    expect(changed.verdicts[0]?.changes).toEqual(
      expect.arrayContaining([
        { path: 'spec.replicas', kind: 'changed', before: 2, after: 3 },
        { path: 'spec.template.spec.containers[0].image', kind: 'changed', before: 'registry.example/web:1', after: 'registry.example/web:2' },
      ]),
    );
    expect(changed.verdicts[0]?.changes.map((c) => c.path).filter((p) => /managedFields|resourceVersion|generation|uid|creationTimestamp|^status/.test(p))).toEqual([]);
  });

  it('applies the namespace allow-list and reports the restricted identity as forbidden', async () => {
    const manifests = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: uniqueName('cm') }, data: {} }];
    const outside = dryRunResultSchema.parse((await runDryRun(deployer, 'k8s-team', { manifests, namespace: ns })).body);
    expect(outside.verdicts[0]).toMatchObject({ verdict: 'forbidden' });
    expect(outside.verdicts[0]?.message).toContain(`may not touch namespace ${ns}`);
    const inside = dryRunResultSchema.parse((await runDryRun(deployer, 'k8s-team', { manifests, namespace: cluster.restrictedNamespace })).body);
    expect(inside.verdicts[0]).toMatchObject({ verdict: 'ok', action: 'create' });
    // Without an allow-list, the restricted credentials reach the apiserver, which refuses other namespaces.
    const refused = dryRunResultSchema.parse((await runDryRun(deployer, 'k8s-restricted', { manifests, namespace: ns })).body);
    expect(refused.verdicts[0]).toMatchObject({ verdict: 'forbidden', action: null });
    expect(refused.verdicts[0]?.message).toMatch(/^Forbidden dry-running ConfigMap .* on account k8s-restricted: the account's credentials may not do this/);
  });

  it('answers 503 in plain words when the cluster is down, without client internals', async () => {
    const res = await runDryRun(deployer, 'k8s-down', { manifests: [deploymentManifest('w', 'registry.example/web:1')], namespace: 'default' });
    expect(res.status).toBe(503);
    const text = JSON.stringify(res.body);
    expect(text).toMatch(/Cannot reach the cluster .*k8s-down/);
    expect(text).not.toMatch(/authorization|bearer|certificate-authority|stack/i);
  });
});
