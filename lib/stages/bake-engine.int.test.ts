import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { setTestConfig } from '@/e2e/runner/test-config';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '../db/applications';
import { getPool } from '../db/pool';
import type { SessionUser } from '../auth/principal';
import { visibleExecution } from '../services/executions';
import { clusterClientFor } from '../kubernetes/client';
import { eventually, testAccounts, uniqueName } from '../kubernetes/testing';
import { ensureHelmBinary } from '../world/cluster/helm-build';

// Bake (Manifest) → Deploy (Manifest) through the real engine: the chart comes in as the pipeline's
// expected artifact (its embedded/base64 default), an override is a SpEL expression the engine
// evaluates before the bake (as Orca does), and the deploy binds the baked artifact by id.
useTestDatabase();
useEngine();

let ns: string;
let tmp: string;
let chart: string;
/** The web chart with database credentials in its own values.yaml (as a chart in a private repository has them), packaged: compressed, so no value shows in the stage's config. */
let chartWithSecret: string;
const PASSWORD = 'hunter2-baked-value';
const DB_USER = 'baker-user-name';

/** The JSON text of `value` plus every artifact reference in it decoded from base64: where a baked manifest would show. */
function readable(value: unknown): string {
  const decoded: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, item] of Object.entries(v)) {
        if (k === 'reference' && typeof item === 'string') decoded.push(Buffer.from(item, 'base64').toString('utf8'));
        else walk(item);
      }
    }
  };
  walk(value);
  return [JSON.stringify(value), ...decoded].join('\n');
}

beforeAll(async () => {
  const helm = await ensureHelmBinary();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bake-engine-'));
  await promisify(execFile)(helm, ['package', path.join(import.meta.dirname, 'bake', 'fixtures', 'web'), '-d', tmp], { env: { ...process.env, HELM_CACHE_HOME: tmp, HELM_CONFIG_HOME: tmp, HELM_DATA_HOME: tmp } });
  chart = (await fs.readFile(path.join(tmp, 'web-0.1.0.tgz'))).toString('base64');
  const secretChart = path.join(tmp, 'src', 'web');
  await fs.cp(path.join(import.meta.dirname, 'bake', 'fixtures', 'web'), secretChart, { recursive: true });
  await fs.appendFile(path.join(secretChart, 'values.yaml'), `dbPassword: ${PASSWORD}\ndbUser: ${DB_USER}\n`);
  await fs.mkdir(path.join(tmp, 'secret'));
  await promisify(execFile)(helm, ['package', secretChart, '-d', path.join(tmp, 'secret')], { env: { ...process.env, HELM_CACHE_HOME: tmp, HELM_CONFIG_HOME: tmp, HELM_DATA_HOME: tmp } });
  chartWithSecret = (await fs.readFile(path.join(tmp, 'secret', 'web-0.1.0.tgz'))).toString('base64');
  const { info, admin } = testAccounts();
  setTestConfig({
    worker: { processes: 0 },
    bake: { helmBinary: helm },
    kubernetes: { accounts: [{ name: 'deploy-ok', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } }] },
  });
  await createApplication({ name: 'bakery', ownerEmail: 'b@example.com', description: '', permissions: { READ: ['readers'], WRITE: [], EXECUTE: ['release-managers'] } });
  await createApplication({ name: 'other-bakery', ownerEmail: 'b@example.com', description: '', permissions: { READ: ['readers'], WRITE: [], EXECUTE: ['release-managers'] } });
  ns = uniqueName('bake-engine');
  const client = clusterClientFor(admin);
  await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => client.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
});

afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

describe('bakeManifest in the engine', () => {
  it('bakes the trigger\u2019s chart with an evaluated override, and the next stage deploys the baked manifest', async () => {
    const release = uniqueName('baked');
    const id = await trigger(
      await savePipeline('bakery', {
        parameterConfig: [{ name: 'tag', default: '3.1.4' }],
        expectedArtifacts: [{ id: 'chart', displayName: 'web chart', matchArtifact: { type: 'embedded/base64', name: 'web-chart' }, useDefaultArtifact: true, defaultArtifact: { type: 'embedded/base64', name: 'web-chart', reference: chart } }],
        stages: [
          {
            refId: 'bake',
            requisiteStageRefIds: [],
            type: 'bakeManifest',
            name: 'Bake',
            templateRenderer: 'HELM3',
            outputName: release,
            namespace: ns,
            inputArtifacts: [{ id: 'chart', account: 'embedded-artifact' }],
            overrides: { 'image.tag': '${trigger.parameters.tag}', greeting: 'baked in ${execution.application}' },
            expectedArtifacts: [{ id: 'baked', matchArtifact: { type: 'embedded/base64', kind: 'base64', name: release } }],
          },
          { refId: 'deploy', requisiteStageRefIds: ['bake'], type: 'deployManifest', name: 'Deploy', account: 'deploy-ok', cloudProvider: 'kubernetes', source: 'artifact', manifestArtifactId: 'baked' },
        ],
      }),
    );
    const e = await waitFor(id, finished, 90_000);
    expect(e.status, JSON.stringify(e.stages.map((s) => [s.refId, s.status, s.context.exception]))).toBe('SUCCEEDED');
    expect(stageByRef(e, 'bake').outputs.artifacts).toMatchObject([{ type: 'embedded/base64', name: release }]);
    const live = await clusterClientFor(testAccounts().admin).get({ kind: 'deployment', name: release, namespace: ns });
    const container = (live.spec as { template: { spec: { containers: { image: string; env: { name: string; value: string }[] }[] } } }).template.spec.containers[0];
    expect(container?.image).toBe('registry.example/web:3.1.4');
    expect(container?.env).toStrictEqual([{ name: 'GREETING', value: 'baked in bakery' }]);
  });

  it('shows a baked Secret redacted in every execution answer, while the deploy applies its real values', async () => {
    const release = uniqueName('secret');
    const bakeStage = (refId: string) => ({
      refId,
      requisiteStageRefIds: [],
      type: 'bakeManifest',
      name: 'Bake',
      templateRenderer: 'HELM3',
      outputName: release,
      namespace: ns,
      inputArtifacts: [{ artifact: { type: 'embedded/base64', name: 'web-chart', reference: chartWithSecret } }],
      expectedArtifacts: [{ id: 'baked', matchArtifact: { type: 'embedded/base64', kind: 'base64', name: release } }],
    });
    const id = await trigger(
      await savePipeline('bakery', {
        stages: [bakeStage('bake'), { refId: 'deploy', requisiteStageRefIds: ['bake'], type: 'deployManifest', name: 'Deploy', account: 'deploy-ok', source: 'artifact', manifestArtifactId: 'baked' }],
      }),
    );
    const e = await waitFor(id, finished, 90_000);
    expect(e.status, JSON.stringify(e.stages.map((s) => [s.refId, s.status, s.context.exception]))).toBe('SUCCEEDED');

    // The cluster has the real values.
    const live = await clusterClientFor(testAccounts().admin).get({ apiVersion: 'v1', kind: 'Secret', name: `${release}-db`, namespace: ns });
    expect(Buffer.from((live.data as Record<string, string>).password ?? '', 'base64').toString('utf8')).toBe(PASSWORD);
    expect(Buffer.from((live.data as Record<string, string>).user ?? '', 'base64').toString('utf8')).toBe(DB_USER);

    // What a reader of the application gets from the API, and everything stored for the execution, shows none of them.
    const needles = [PASSWORD, DB_USER].flatMap((value) => [value, Buffer.from(value).toString('base64')]);
    const reader: SessionUser = { login: 'reader', roles: ['readers'], isAdmin: false, canCreateApplications: false, name: null, email: null, groups: ['readers'], via: 'token', demo: false };
    const answer = readable((await visibleExecution(reader, id)).execution);
    expect(answer).toContain(release);
    expect(needles.filter((n) => answer.includes(n))).toEqual([]);
    const stored = await getPool().query(
      `SELECT row_to_json(e)::text AS j FROM executions e WHERE id = $1
       UNION ALL SELECT row_to_json(s)::text FROM stage_executions s WHERE execution_id = $1
       UNION ALL SELECT row_to_json(v)::text FROM execution_events v WHERE execution_id = $1`,
      [id],
    );
    expect(stored.rows.length).toBeGreaterThan(2);
    const storedText = stored.rows.map((r: { j: string }) => readable(JSON.parse(r.j))).join('\n');
    expect(needles.filter((n) => storedText.includes(n))).toEqual([]);
    const [artifact] = stageByRef(e, 'bake').outputs.artifacts as { reference: string }[];
    expect(Buffer.from(artifact?.reference ?? '', 'base64').toString('utf8')).toMatch(/password: <redacted hmac:[0-9a-f]{16}>/);

    // Another application's run cannot deploy the sealed values, even with READ on the baking one.
    const other = await trigger(
      await savePipeline('other-bakery', {
        stages: [{ refId: 'deploy', requisiteStageRefIds: [], type: 'deployManifest', name: 'Deploy', account: 'deploy-ok', source: 'artifact', manifestArtifact: artifact }],
      }),
    );
    const refused = await waitFor(other, finished, 60_000);
    expect(refused.status).toBe('TERMINAL');
    expect(JSON.stringify(stageByRef(refused, 'deploy').context.exception)).toContain('their real values are kept for the pipelines of the application that rendered them');
  });
});
