import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureKubeBinaries, kubeBinary } from '../../lib/world/cluster/build';
import { readCluster } from '../../lib/world/endpoints';
import { loadConfig } from '../../lib/config';
import { scoreManifests } from './chart-checks';
import { chartDir, examplesDir, helm, helmBinary, renderChart, type K8sObject, type RenderOptions } from './render';

// The chart, checked by the real helm (lint, template, values.schema.json) and by the real
// kube-apiserver: every rendered object passes a server-side dry-run with the real cert-manager and
// CloudNativePG CRDs installed, so a field the API or an operator's schema rejects fails here.

const secrets = { 'secrets.sessionSecret': 'test-session-secret-0123456789abcdefghij', 'secrets.githubClientSecret': 'gh-secret', 'secrets.ldapBindPassword': 'ldap-secret' };
const seed: RenderOptions = { valuesFiles: [path.join(examplesDir, 'seed.yaml')], set: secrets };
// External PostgreSQL, a given ClusterIssuer, RBAC limited to two namespaces, another cluster's kubeconfig.
const external: RenderOptions = {
  release: 'fs',
  set: { ...secrets, 'secrets.databaseUrl': 'postgresql://foresail:pw@db.internal:5432/foresail', 'certManager.clusterIssuer': 'company-ca', 'ingress.host': 'cd.internal.example.com' },
  setTyped: { 'web.replicas': 3, 'worker.replicas': 2, 'rbac.inCluster.namespaces': '{team-a,team-b}', 'kubeconfigSecrets[0].name': 'prod', 'kubeconfigSecrets[0].secretName': 'prod-kubeconfig' },
};

// On a fresh machine the first call builds helm from its Go module: longer than a test's timeout,
// so it happens here, once, under a hook timeout that allows a cold Go build on 2 cores.
beforeAll(async () => {
  await helmBinary();
}, 60 * 60_000);

const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const one = (objects: K8sObject[], kind: string, nameSuffix = '') => {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name.endsWith(nameSuffix));
  expect(found, `${kind} *${nameSuffix}`).toHaveLength(1);
  return found[0] as K8sObject & { spec: Record<string, unknown>; data?: Record<string, string> };
};

describe('helm lint and values.schema.json', () => {
  it('lints cleanly (strict) with the seed values', async () => {
    const result = await helm(['lint', '--strict', chartDir, '-f', path.join(examplesDir, 'seed.yaml'), ...Object.entries(secrets).flatMap(([k, v]) => ['--set-string', `${k}=${v}`])]);
    expect(result.stderr + result.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result.code).toBe(0);
  });

  it.each([
    [{ 'web.replicas': -1 }, /at '\/web\/replicas': minimum: got -1, want 0/],
    [{ 'securityContext.allowPrivilegeEscalation': true }, /at '\/securityContext\/allowPrivilegeEscalation'/],
    [{ 'ingress.host': 'Not_A_Host' }, /at '\/ingress\/host': 'Not_A_Host' does not match pattern/],
    [{ replicas: 3 }, /additional properties 'replicas' not allowed/i],
  ])('rejects %o naming the field', async (setTyped, message) => {
    await expect(renderChart({ ...seed, setTyped })).rejects.toThrow(message);
  });

  it('refuses to render without a session secret or a database, saying what to set', async () => {
    await expect(renderChart({ valuesFiles: seed.valuesFiles })).rejects.toThrow(/secrets\.sessionSecret is required/);
    await expect(renderChart({ set: { 'secrets.sessionSecret': secrets['secrets.sessionSecret'] } })).rejects.toThrow(/secrets\.databaseUrl is required/);
  });
});

describe('rendered manifests', () => {
  it('seed setup: web + worker + migration Job, Ingress for nginx with SSE settings, Certificate from an ACME Issuer, CloudNativePG Cluster', async () => {
    const { objects } = await renderChart(seed);
    expect(byKind(objects, 'Deployment').map((d) => d.metadata.name).sort()).toEqual(['foresail-web', 'foresail-worker']);
    const ingress = one(objects, 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
      'nginx.ingress.kubernetes.io/proxy-next-upstream': expect.stringContaining('error timeout'),
    });
    expect(ingress.spec.tls).toEqual([{ hosts: ['foresail.example.com'], secretName: 'foresail-tls' }]);
    const certificate = one(objects, 'Certificate');
    expect(certificate.spec).toMatchObject({ secretName: 'foresail-tls', dnsNames: ['foresail.example.com'], issuerRef: { kind: 'Issuer', name: 'foresail-acme' } });
    expect(one(objects, 'Issuer').spec).toMatchObject({ acme: { email: 'platform@example.com', solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }] } });
    expect(one(objects, 'Cluster').spec).toMatchObject({ instances: 3, bootstrap: { initdb: { database: 'foresail', owner: 'foresail' } } });
    // CloudNativePG creates the database during install, so migrations run after it (and before upgrades).
    expect(one(objects, 'Job').metadata.annotations?.['helm.sh/hook']).toBe('post-install,pre-upgrade');
    const web = one(objects, 'Deployment', '-web').spec as { template: { spec: { containers: { env: { name: string; valueFrom?: unknown }[] }[] } } };
    expect(web.template.spec.containers[0]?.env.find((e) => e.name === 'DATABASE_URL')?.valueFrom).toEqual({ secretKeyRef: { name: 'foresail-db-app', key: 'uri' } });
  });

  it('the ConfigMap is the values block as foresail.yaml, and Foresail accepts it', async () => {
    const { objects } = await renderChart(seed);
    const file = one(objects, 'ConfigMap').data?.['foresail.yaml'] ?? '';
    const values = parse(fs.readFileSync(path.join(examplesDir, 'seed.yaml'), 'utf8')) as { config: { server: Record<string, unknown> } };
    expect(parse(file)).toEqual({ ...values.config, server: { ...values.config.server, port: 3000, host: '0.0.0.0' } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-chart-'));
    try {
      fs.writeFileSync(path.join(dir, 'foresail.yaml'), file);
      const config = loadConfig({
        env: { FORESAIL_CONFIG: path.join(dir, 'foresail.yaml'), DATABASE_URL: 'postgresql://a:b@db:5432/foresail', FORESAIL_SESSION_SECRET: secrets['secrets.sessionSecret'], GITHUB_CLIENT_SECRET: 'x', LDAP_BIND_PASSWORD: 'y' },
      });
      expect(config.kubernetes.accounts).toEqual([expect.objectContaining({ name: 'in-cluster', inCluster: true })]);
      expect(config.server).toMatchObject({ host: '0.0.0.0', port: 3000, baseUrl: 'https://foresail.example.com' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('external database: the URL stays in Secrets (never the ConfigMap); the hook Job gets its own Secret before install', async () => {
    const { objects, yaml } = await renderChart(external);
    expect(byKind(objects, 'Cluster')).toEqual([]);
    expect(one(objects, 'ConfigMap').data?.['foresail.yaml']).not.toContain('db.internal');
    const hookSecret = one(objects, 'Secret', '-migrate');
    expect(hookSecret.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '-10' });
    expect(one(objects, 'Job').metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '0' });
    expect(one(objects, 'Certificate').spec).toMatchObject({ issuerRef: { kind: 'ClusterIssuer', name: 'company-ca' } });
    expect(byKind(objects, 'Issuer')).toEqual([]);
    expect(byKind(objects, 'RoleBinding').map((r) => r.metadata.namespace).sort()).toEqual(['team-a', 'team-b']);
    expect(byKind(objects, 'ClusterRoleBinding')).toEqual([]);
    expect(yaml).toContain('mountPath: /etc/foresail/kubeconfigs/prod');
  });

  it('existingSecret: no Secret is rendered, every secret comes from the named one', async () => {
    const { objects } = await renderChart({ set: { 'secrets.existingSecret': 'my-foresail', 'certManager.clusterIssuer': 'ca' } });
    expect(byKind(objects, 'Secret')).toEqual([]);
    expect(JSON.stringify(one(objects, 'Job'))).toContain('"name":"my-foresail","key":"database-url"');
  });

  it.each([
    ['seed', seed],
    ['external database', external],
  ])('%s: passes kube-score-style checks (limits, probes, non-root, read-only root, seccomp, PDB, NetworkPolicy)', async (_name, options) => {
    expect(scoreManifests((await renderChart(options)).objects)).toEqual([]);
  });

  it('the checks find what is missing', async () => {
    const { objects } = await renderChart({ ...seed, setTyped: { 'securityContext.readOnlyRootFilesystem': false, 'web.podDisruptionBudget.enabled': false, 'networkPolicy.enabled': false } });
    const findings = scoreManifests(objects);
    expect(findings).toContain('Deployment/foresail-web container web: root filesystem is writable');
    expect(findings).toContain('Deployment/foresail-web: no PodDisruptionBudget selects its pods');
    expect(findings).toContain('Deployment/foresail-worker: no NetworkPolicy selects its pods');
  });
});

describe('server-side dry-run on the local control plane', () => {
  const cluster = process.env.FORESAIL_TEST_CLUSTERS?.split(',')[0]?.trim() || 'it-a';
  const namespace = `foresail-chart-${Date.now().toString(36)}`;
  let kubectl = '';
  let kubeconfig = '';

  const run = (args: string[], input?: string) =>
    new Promise<{ code: number; out: string }>((resolve, reject) => {
      const child = spawn(kubectl, ['--kubeconfig', kubeconfig, '--context', readCluster(cluster).adminContext, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
      child.stderr.setEncoding('utf8').on('data', (t: string) => (out += t));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code: code ?? 1, out }));
      child.stdin.end(input ?? '');
    });

  beforeAll(async () => {
    kubectl = kubeBinary(await ensureKubeBinaries(), 'kubectl');
    kubeconfig = readCluster(cluster).kubeconfigPath;
    // The real CRDs (deploy/helm/test-crds, see its README); server-side apply: they exceed the
    // annotation size client-side apply needs.
    const crds = await run(['apply', '--server-side', '--force-conflicts', '-f', path.join(import.meta.dirname, 'test-crds')]);
    expect(crds.code, crds.out).toBe(0);
    const established = await run(['wait', '--for=condition=Established', '--timeout=60s', 'crd/certificates.cert-manager.io', 'crd/issuers.cert-manager.io', 'crd/clusterissuers.cert-manager.io', 'crd/clusters.postgresql.cnpg.io']);
    expect(established.code, established.out).toBe(0);
    for (const ns of [namespace, 'team-a', 'team-b']) await run(['create', 'namespace', ns]);
  }, 600_000);

  afterAll(async () => {
    if (kubectl) await run(['delete', 'namespace', namespace, '--wait=false']);
  });

  // Namespaced objects carry metadata.namespace (the release's, or the RBAC namespaces listed).
  const dryRun = (yaml: string) => run(['apply', '--dry-run=server', '--server-side', '--field-manager=helm', '-f', '-'], yaml);

  it.each([
    ['seed (CloudNativePG, ACME Issuer, cluster-wide RBAC)', seed],
    ['external database (ClusterIssuer, namespaced RBAC, kubeconfig Secret)', external],
  ])('%s: every object is accepted', async (_name, options) => {
    const { yaml, objects } = await renderChart({ ...options, namespace });
    const result = await dryRun(yaml);
    expect(result.code, result.out).toBe(0);
    const applied = result.out.split('\n').filter((line) => line.endsWith('serverside-applied (server dry run)'));
    expect(applied).toHaveLength(objects.length);
    for (const o of objects) expect(applied.some((line) => line.startsWith(`${o.kind.toLowerCase()}`) && line.includes(`/${o.metadata.name} `))).toBe(true);
  });

  it('the CRDs really validate: a Certificate or Cluster the operators would refuse is rejected', async () => {
    const { objects } = await renderChart({ ...seed, namespace });
    const certificate = structuredClone(one(objects, 'Certificate'));
    (certificate.spec as { privateKey: { algorithm: string } }).privateKey.algorithm = 'DSA';
    const rejected = await dryRun(stringify(certificate));
    expect(rejected.code).not.toBe(0);
    expect(rejected.out).toMatch(/spec\.privateKey\.algorithm: Unsupported value: "DSA"/);
    const cluster = structuredClone(one(objects, 'Cluster'));
    (cluster.spec as { instances: number }).instances = 0;
    const refused = await dryRun(stringify(cluster));
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/spec\.instances/);
  });
});
