/**
 * The goldengoose seed against a real database and the local cluster: everything is created on the
 * first run, nothing is created twice or overwritten on the next, and what was seeded is valid
 * (the pipelines parse, the canary config is accepted, the triggers run as the service account).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { findApplication } from '@/lib/db/applications';
import { findCanaryConfigById } from '@/lib/db/canary-configs';
import { findPipeline, updatePipeline } from '@/lib/db/pipelines';
import { clusterClientFor, type ClusterClient } from '@/lib/kubernetes/client';
import { testAccounts, uniqueName } from '@/lib/kubernetes/testing';
import { parsePipeline } from '@/lib/pipeline';
import { authConfigSchema } from '@/lib/config/auth-schema';
import { goldengoose } from '../goldengoose';
import { seedProduction } from './cluster';
import { seedGoldengoose } from './database';

useTestDatabase();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-seed-'));
let client: ClusterClient;

beforeAll(() => {
  client = clusterClientFor(testAccounts().admin);
});

describe('seedGoldengoose', () => {
  it('creates the application, canary config and both pipelines once, then keeps what people changed', async () => {
    const first = await seedGoldengoose({ dataDir });
    expect(first.created).toEqual([`application goldengoose`, `canary config ${goldengoose.canaryConfigId}`, 'pipeline Build', 'pipeline Deploy']);
    expect(first.kept).toEqual([]);

    expect((await findApplication('goldengoose'))?.permissions).toMatchObject({ EXECUTE: ['release-managers'] });
    expect((await findCanaryConfigById(goldengoose.canaryConfigId))?.config).toMatchObject({
      classifier: { groupWeights: { latency: 35, errors: 35, saturation: 30 } },
    });

    const build = await findPipeline(goldengoose.pipelines.build);
    const deploy = await findPipeline(goldengoose.pipelines.deploy);
    for (const stored of [build, deploy]) {
      expect(stored, 'seeded pipeline').toBeDefined();
      expect(parsePipeline(stored?.config).issues).toEqual([]);
    }
    expect(build?.config.triggers).toMatchObject([{ type: 'git', source: 'github', project: 'example', slug: 'goldengoose', branch: 'main', runAsUser: 'goldengoose-deployer' }]);
    expect(deploy?.config.triggers).toMatchObject([{ type: 'pipeline', pipeline: goldengoose.pipelines.build, runAsUser: 'goldengoose-deployer' }]);
    expect(deploy?.config.stages).toMatchObject([{ type: 'canaryRelease', marginalAction: 'judge', judgmentRoles: ['release-managers'], traffic: { production: 80, baseline: 10, canary: 10 } }]);

    // Someone edits the Deploy pipeline; a restart of the demo seeds again and leaves it be.
    await updatePipeline(goldengoose.pipelines.deploy, deploy?.version ?? 0, { name: 'Deploy', config: { ...(deploy?.config ?? {}), description: 'edited by a person' }, disabled: false, locked: false, by: 'alice', action: 'update' });
    const second = await seedGoldengoose({ dataDir });
    expect(second.created).toEqual([]);
    expect(second.kept).toHaveLength(4);
    expect((await findPipeline(goldengoose.pipelines.deploy))?.config.description).toBe('edited by a person');
    // The webhook secret is made once per data folder and kept.
    expect((await findPipeline(goldengoose.pipelines.build))?.config.triggers).toEqual(build?.config.triggers);
  });

  it('demo mode declares the seeded triggers\' service account; a configured one of that name wins', () => {
    expect(authConfigSchema.parse({ demo: true }).serviceAccounts).toEqual([{ name: 'goldengoose-deployer', roles: ['release-managers'] }]);
    expect(authConfigSchema.parse({ demo: false, sessionSecret: 'x'.repeat(32) }).serviceAccounts).toEqual([]);
    expect(authConfigSchema.parse({ demo: true, serviceAccounts: [{ name: 'goldengoose-deployer', roles: ['sre'] }] }).serviceAccounts).toEqual([{ name: 'goldengoose-deployer', roles: ['sre'] }]);
  });
});

describe('seedProduction', () => {
  it('starts goldengoose v1 behind an Istio VirtualService, and a second run changes nothing people changed', async () => {
    const { info } = testAccounts();
    const namespace = uniqueName('gg');
    const lines: string[] = [];
    await seedProduction(info.kubeconfigPath, info.adminContext, (l) => lines.push(l), namespace);
    const deployment = await client.get({ kind: 'deployment', name: 'goldengoose', namespace });
    expect((deployment.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image).toBe('goldengoose:v1');
    const vs = await client.get({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name: 'goldengoose', namespace });
    expect((vs.spec as { http: { route: { weight: number }[] }[] }).http[0]?.route.map((r) => r.weight)).toEqual([100, 0, 0]);
    expect(await client.find({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', name: 'goldengoose', namespace })).toBeDefined();
    expect(await client.find({ apiVersion: 'v1', kind: 'Service', name: 'goldengoose', namespace })).toBeDefined();

    // A promotion moved production on; restarting the demo must not roll it back.
    const promoted = structuredClone(deployment);
    (promoted.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = 'goldengoose:abc1234';
    await client.apply([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'goldengoose', namespace }, spec: promoted.spec }], { namespace, override: true });
    await seedProduction(info.kubeconfigPath, info.adminContext, (l) => lines.push(l), namespace);
    const after = await client.get({ kind: 'deployment', name: 'goldengoose', namespace });
    expect((after.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image).toBe('goldengoose:abc1234');
    expect(lines.at(-1)).toContain('already present');
    await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace }).catch(() => undefined);
  });
});
