import type pg from 'pg';
import { createApplication } from '../../lib/db/applications';
import { insertPipeline } from '../../lib/db/pipelines';
import { seedExecutions } from './executions-seed';

/**
 * What the pages bench (issue 20, targets 3–4) loads: a big installation — 2,000 applications, one
 * of them with 500 pipelines and 100,000 executions — and, for the execution page, stage contexts
 * and outputs of ~50 KB each, as deployManifest stages leave them (the manifests as applied, with
 * kubectl's last-applied annotation repeating each one, and their status read back).
 */

export const BIG_APPLICATION = 'big';
export const APPLICATIONS = 2_000;
export const PIPELINES = 500;
export const EXECUTIONS = 100_000;

const permissions = { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['developers'] };

/** Applications `team-0001`…, then `big` with its pipelines and executions. Returns a pipeline id of `big`. */
export async function seedBigInstallation(pool: pg.Pool): Promise<string> {
  // One statement: 2,000 inserts one by one take minutes on a busy disk.
  await pool.query(
    `INSERT INTO applications (id, name, description, owner_email, permissions, updated_at)
     SELECT gen_random_uuid(), 'team-' || lpad(n::text, 4, '0'), 'Services of team ' || n || ': web front end, workers and their canaries', 'team-' || lpad(n::text, 4, '0') || '@example.com', $1::jsonb, now()
       FROM generate_series(1, $2::int) n`,
    [JSON.stringify(permissions), APPLICATIONS - 1],
  );
  await createApplication({ name: BIG_APPLICATION, ownerEmail: 'big@example.com', description: 'One application with many pipelines and executions', permissions });
  const pipelines: { id: string; name: string }[] = [];
  for (let i = 0; i < PIPELINES; i++) {
    const id = `big-pipeline-${i}`;
    const name = `Deploy service ${i}`;
    const stages = [
      { refId: '1', type: 'wait', name: 'Settle', waitTime: 5, requisiteStageRefIds: [] },
      { refId: '2', type: 'deployManifest', name: 'Deploy to staging', account: 'staging', source: 'text', manifests: [deployment(i, 'staging')], requisiteStageRefIds: ['1'] },
      { refId: '3', type: 'manualJudgment', name: 'Approve production', instructions: 'Check the dashboards', requisiteStageRefIds: ['2'] },
    ];
    await insertPipeline({ id, application: BIG_APPLICATION, name, config: { id, name, application: BIG_APPLICATION, stages, triggers: [], parameterConfig: [] }, disabled: false, locked: false, by: 'bench', action: 'create' });
    pipelines.push({ id, name });
  }
  await seedExecutions(pool, { application: BIG_APPLICATION, pipelines, count: EXECUTIONS });
  return pipelines[0]?.id ?? '';
}

/** Deterministic hex, so checksums and digests differ between stages as real ones do (and compress as badly). */
function hex(seed: number, length: number): string {
  let x = (seed * 2_654_435_761) >>> 0 || 1;
  let out = '';
  while (out.length < length) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

function deployment(i: number, namespace: string): Record<string, unknown> {
  const name = `service-${i}`;
  const env = Array.from({ length: 46 }, (_, k) => ({ name: `FEATURE_${k}_${hex(i * 100 + k, 6).toUpperCase()}`, value: k % 3 === 0 ? `https://svc-${k}.${namespace}.svc.cluster.local:8443/v${k}/${hex(i + k, 24)}` : `enabled=${k % 2 === 0};rollout=${(k * 7) % 100}%;owner=team-${k % 12}` }));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name, 'app.kubernetes.io/managed-by': 'foresail', track: 'stable' }, annotations: { 'deployment.kubernetes.io/revision': String(i + 3), 'foresail.dev/config-checksum': hex(i, 64) } },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: name, track: 'stable' } },
      template: {
        metadata: { labels: { app: name, track: 'stable' } },
        spec: {
          containers: [
            {
              name,
              image: `registry.example.com/acme/${name}@sha256:${hex(i + 7, 64)}`,
              ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 9090, name: 'metrics' }],
              env,
              resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
              readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
              volumeMounts: [{ name: 'config', mountPath: '/etc/service' }],
            },
          ],
          volumes: [{ name: 'config', configMap: { name: `${name}-config` } }],
        },
      },
    },
  };
}

function configMap(i: number, namespace: string): Record<string, unknown> {
  const lines = Array.from({ length: 70 }, (_, k) => `  route_${k}:\n    upstream: http://backend-${k % 9}.${namespace}:8080/api/${hex(i * 60 + k, 12)}\n    timeout_ms: ${100 + ((k * 37) % 900)}`);
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `service-${i}-config`, namespace }, data: { 'application.yaml': `routes:\n${lines.join('\n')}\n` } };
}

/** kubectl's last-applied annotation: each manifest again, as JSON text. */
const withLastApplied = (manifest: Record<string, unknown>): Record<string, unknown> => {
  const metadata = manifest.metadata as Record<string, unknown>;
  return { ...manifest, metadata: { ...metadata, annotations: { ...(metadata.annotations as Record<string, string> | undefined), 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(manifest) } } };
};

/** A deployManifest stage's context and outputs after it ran: about 50 KB of JSON together. */
export function bulkyStageData(i: number): { context: Record<string, unknown>; outputs: Record<string, unknown> } {
  const namespace = `team-${i % 20}`;
  const manifests = [withLastApplied(deployment(i, namespace)), withLastApplied(configMap(i, namespace))];
  const status = { replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4, observedGeneration: i + 3, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', lastTransitionTime: '2026-12-07T10:00:00Z' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "service-${i}-${hex(i, 10)}" has successfully progressed.` }] };
  const applied = manifests.map((m) => ({ ...m, status: m.kind === 'Deployment' ? status : undefined }));
  return {
    context: { account: 'production', cloudProvider: 'kubernetes', source: 'text', namespaceOverride: namespace, manifests, skipExpressionEvaluation: false, trafficManagement: { enabled: false }, 'deploy.account.name': 'production' },
    outputs: { 'outputs.manifests': applied, 'outputs.manifestNamesByNamespace': { [namespace]: [`deployment service-${i}`, `configMap service-${i}-config`] }, 'deploy.server.groups': { [namespace]: [`deployment service-${i}`] }, 'outputs.createdArtifacts': [{ type: 'kubernetes/deployment', name: `service-${i}`, location: namespace, reference: `service-${i}` }] },
  };
}

/** Gives every stage of the execution but its judgment bulky context and outputs; returns the mean bytes per stage. */
export async function inflateStages(pool: pg.Pool, executionId: string): Promise<number> {
  const { rows } = await pool.query<{ id: string; context: Record<string, unknown> }>(`SELECT id, context FROM stage_executions WHERE execution_id = $1 AND type <> 'manualJudgment' ORDER BY position`, [executionId]);
  let bytes = 0;
  for (const [i, row] of rows.entries()) {
    const data = bulkyStageData(i);
    const context = { ...row.context, ...data.context };
    bytes += Buffer.byteLength(JSON.stringify(context)) + Buffer.byteLength(JSON.stringify(data.outputs));
    await pool.query('UPDATE stage_executions SET context = $2::jsonb, outputs = $3::jsonb WHERE id = $1', [row.id, JSON.stringify(context), JSON.stringify(data.outputs)]);
  }
  return rows.length > 0 ? bytes / rows.length : 0;
}
