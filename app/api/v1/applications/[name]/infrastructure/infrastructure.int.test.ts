import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import { clusterClientFor, type ClusterClient } from '@/lib/kubernetes/client';
import { deploymentManifest, eventually, testAccounts, uniqueName } from '@/lib/kubernetes/testing';
import type { KubeObject } from '@/lib/kubernetes/types';
import { infrastructureSchema, type InfrastructureDto } from '@/lib/pipeline/kubernetes-views';
import { GET } from './route';

// Against the real local control plane the integration project starts (lib/world/cluster); kwok runs the pods.
const cluster = testAccounts();
const kubeconfigFile = cluster.info.kubeconfigPath;
useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] }, {}, {
  accounts: [
    { name: 'infra-main', kubeconfigFile, context: cluster.info.adminContext, permissions: { READ: ['viewers'], WRITE: ['viewers'] } },
    { name: 'infra-secret', kubeconfigFile, context: cluster.info.adminContext, permissions: { READ: ['admins'], WRITE: [] } },
  ],
});

const app = uniqueName('shop').slice(0, 30);
const other = uniqueName('other').slice(0, 30);
let admin: ClusterClient;
let ns: string;
let viewer: Record<string, string>;
let stranger: Record<string, string>;
let superuser: Record<string, string>;
const as = async (login: string, groups: string[]) => ({ cookie: cookieHeader(await sessionCookie({ login, groups, secret: testSecret })) });

/** A Deployment labelled as the deploy stage labels it. */
function labelled(name: string, application: string, image: string): KubeObject {
  const manifest = deploymentManifest(name, image, { replicas: 2, namespace: ns });
  return { ...manifest, metadata: { ...manifest.metadata, labels: { ...manifest.metadata.labels, 'app.kubernetes.io/managed-by': 'foresail', 'foresail.dev/application': application } } };
}

const infra = (headers: Record<string, string>, name: string, query = '') => call<InfrastructureDto>(GET, { path: `/api/v1/applications/${name}/infrastructure${query}`, params: { name }, headers });

beforeAll(async () => {
  admin = clusterClientFor(cluster.admin);
  ns = uniqueName('infra');
  await admin.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  const permissions = { READ: ['viewers'], WRITE: [], EXECUTE: [] };
  await createApplication({ name: app, ownerEmail: 'o@example.com', description: '', permissions });
  await createApplication({ name: other, ownerEmail: 'o@example.com', description: '', permissions });
  await admin.apply([labelled('web', app, 'registry.example/web:1.0'), labelled('api', app, 'registry.example/api:2.0'), labelled('worker', app, 'registry.example/worker:3.0'), labelled('intruder', other, 'registry.example/intruder:9')]);
  // Wait until kwok has the web pods running, so the view has pods to show.
  await eventually(async () => {
    const live = await admin.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: ns });
    return (live.status as { readyReplicas?: number } | undefined)?.readyReplicas === 2 ? true : undefined;
  }, 60_000, 'web ready');
  viewer = await as('vic', ['viewers']);
  stranger = await as('sam', ['strangers']);
  superuser = await as('ada', ['admins']);
});

const deploymentsOf = (dto: InfrastructureDto, account: string) => dto.accounts.find((a) => a.name === account)?.lists.find((l) => l.kind === 'Deployment');

describe('GET /api/v1/applications/{name}/infrastructure', () => {
  it("lists the application's labelled workloads with their ReplicaSets, pods and images, and not another application's", async () => {
    const res = await infra(viewer, app);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const dto = infrastructureSchema.parse(res.body);
    expect(dto.accounts.map((a) => a.name)).toEqual(['infra-main']);
    const deployments = deploymentsOf(dto, 'infra-main');
    expect(deployments?.error).toBeNull();
    const mine = deployments?.workloads.filter((w) => w.namespace === ns) ?? [];
    expect(mine.map((w) => w.name).sort()).toEqual(['api', 'web', 'worker']);
    const web = mine.find((w) => w.name === 'web');
    expect(web).toMatchObject({ kind: 'Deployment', status: 'Current', desired: 2, ready: 2, images: ['registry.example/web:1.0'] });
    expect(web?.replicaSets).toHaveLength(1);
    expect(web?.replicaSets[0]).toMatchObject({ revision: '1', desired: 2, ready: 2, images: ['registry.example/web:1.0'] });
    expect(web?.pods).toHaveLength(2);
    for (const pod of web?.pods ?? []) expect(pod).toMatchObject({ phase: 'Running', status: 'Current', images: ['registry.example/web:1.0'], owner: web?.replicaSets[0]?.name });
    // The other kinds were listed too (one labelled list each), and found nothing of this application's.
    expect(dto.accounts[0]?.lists.map((l) => l.kind).sort()).toEqual(['DaemonSet', 'Deployment', 'Job', 'StatefulSet']);
    const all = dto.accounts.flatMap((a) => a.lists.flatMap((l) => l.workloads.map((w) => w.name)));
    expect(all).not.toContain('intruder');
    expect(dto.omittedAccounts).toBe(1);
  });

  it('pages a list with the apiserver continue token', async () => {
    const first = infrastructureSchema.parse((await infra(viewer, app, `?account=infra-main&kind=Deployment&namespace=${ns}&limit=2`)).body);
    const page1 = deploymentsOf(first, 'infra-main');
    expect(page1?.workloads).toHaveLength(2);
    expect(page1?.continue).toEqual(expect.any(String));
    const second = infrastructureSchema.parse((await infra(viewer, app, `?account=infra-main&kind=Deployment&namespace=${ns}&limit=2&continue=${encodeURIComponent(page1?.continue ?? '')}`)).body);
    const page2 = deploymentsOf(second, 'infra-main');
    expect(page2?.workloads).toHaveLength(1);
    expect(page2?.continue).toBeNull();
    expect([...(page1?.workloads ?? []), ...(page2?.workloads ?? [])].map((w) => w.name).sort()).toEqual(['api', 'web', 'worker']);
  });

  it("shows the other application only its own objects, and admins every account", async () => {
    const dto = infrastructureSchema.parse((await infra(superuser, other)).body);
    expect(dto.accounts.map((a) => a.name).sort()).toEqual(['infra-main', 'infra-secret']);
    expect(dto.omittedAccounts).toBe(0);
    const names = deploymentsOf(dto, 'infra-secret')?.workloads.filter((w) => w.namespace === ns).map((w) => w.name);
    expect(names).toEqual(['intruder']);
  });

  it('answers 404 for an application or account the caller may not read, 401 without a session', async () => {
    expect((await infra(stranger, app)).status).toBe(404);
    expect((await infra(viewer, 'no-such-app')).status).toBe(404);
    expect((await infra(viewer, app, '?account=infra-secret')).status).toBe(404);
    expect((await infra({}, app)).status).toBe(401);
  });

  it('names the bad query field', async () => {
    const bad = await infra(viewer, app, '?limit=0');
    expect(bad.status).toBe(422);
    expect((bad.body as unknown as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['limit']);
    const orphan = await infra(viewer, app, '?continue=abc');
    expect(orphan.status).toBe(422);
    expect((orphan.body as unknown as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(['account', 'kind']);
    expect((await infra(viewer, app, '?kind=Pod')).status).toBe(422);
  });
});
