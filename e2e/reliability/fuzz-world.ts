import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { testAccounts } from '../../lib/kubernetes/testing';
import { makeTempDir } from '../../lib/runtime/processes';
import { cookieHeader, sessionCookie } from '../runner/session-cookies';
import { readLdap, readPrometheus } from '../../lib/world/endpoints';
import { startForesail, type ForesailProcess } from '../support/foresail-process';

/**
 * The R5 fuzzer's world: a real `foresail start` (production build, embedded PostgreSQL, worker)
 * signed into by several kinds of caller, with an application, pipelines, a waiting judgment, a
 * canary config, a token, a Gate task and a canary analysis to aim at — all created over HTTP.
 */
export const callers = ['admin', 'writer', 'executor', 'viewer', 'nobody', 'token', 'anonymous', 'forged'] as const;
export type Caller = (typeof callers)[number];

export const SESSION_SECRET = 'r5-fuzz-session-secret-0123456789-abcdefghij';
export const TRIGGER_SECRET = 'r5-fuzz-trigger-secret';
export const APP = 'fuzz';
export const ACCOUNT = 'fuzz-k8s';
export const NAMESPACE = 'fuzz';

export interface FuzzState {
  /** Pipelines the fuzzer may edit. */
  pipelines: { id: string; name: string }[];
  /** The newest execution waiting in its manual judgment, and its stage ids. */
  execution: { id: string; stageIds: string[] };
  canaryConfigId: string;
  tokenId: string;
  taskId: string;
  analysisId: string;
  /** Secrets that must never appear in an answer. */
  secrets: string[];
}

export interface FuzzWorld {
  foresail: ForesailProcess;
  /** A caller's credentials; `variant` picks one of the forged or malformed ones for `forged`. */
  headers(who: Caller, variant?: number): Record<string, string>;
  state: FuzzState;
  /** Starts a fresh execution waiting for its judgment (fuzzed cancels and judgments use them up). */
  refreshExecution(): Promise<void>;
  stop(): Promise<void>;
}

const wait = { refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Wait', waitTime: 1 };
const judged = { refId: '1', requisiteStageRefIds: [], type: 'manualJudgment', name: 'Approve', judgmentInputs: [{ value: 'ship' }] };
const triggers = [
  { type: 'git', enabled: true, source: 'github', project: 'acme', slug: 'shop', branch: 'main', secret: TRIGGER_SECRET },
  { type: 'webhook', enabled: true, source: APP, secret: TRIGGER_SECRET },
  { type: 'docker', enabled: true, registry: 'index.docker.io', repository: 'acme/shop', secret: TRIGGER_SECRET },
];
export const canaryConfig = (name: string) => ({
  name,
  metrics: [{ name: 'latency', groups: ['perf'], query: { type: 'prometheus', metricName: 'http_latency', customInlineTemplate: 'PromQL:rate(http_latency[1m])' } }],
  classifier: { groupWeights: { perf: 100 } },
});

export async function startFuzzWorld(): Promise<FuzzWorld> {
  const ldap = readLdap();
  const prometheus = readPrometheus();
  const { info } = testAccounts();
  const dataDir = makeTempDir('foresail-r5-');
  const configFile = path.join(dataDir, 'foresail.yaml');
  fs.writeFileSync(
    configFile,
    stringify({
      auth: {
        sessionSecret: SESSION_SECRET,
        github: { clientId: 'r5-client', clientSecret: 'r5-client-secret' },
        // Long refresh: the groups in the fuzzer's session cookies stay as minted.
        ldap: { url: ldap.url, bindDn: ldap.bindDn, bindPassword: ldap.bindPassword, userBase: ldap.usersDn, refreshSeconds: 3600 },
        roles: { admin: ['admins'], createApplication: ['developers'] },
      },
      prometheus: { egress: { allow: ['127.0.0.1/32'] }, accounts: [{ name: 'metrics', url: prometheus.url, permissions: { READ: ['developers', 'viewers'] } }] },
      kubernetes: { accounts: [{ name: ACCOUNT, kubeconfigFile: info.kubeconfigPath, context: info.adminContext, namespaces: [NAMESPACE], permissions: { READ: ['developers', 'viewers'], WRITE: ['developers'] } }] },
      egress: { allow: ['127.0.0.1/32'] },
    }),
  );
  const foresail = await startForesail({ dataDir, env: { FORESAIL_CONFIG: configFile } });
  try {
    return await populate(foresail, ldap.bindPassword);
  } catch (err) {
    await foresail.stop();
    throw err;
  }
}

async function populate(foresail: ForesailProcess, ldapPassword: string): Promise<FuzzWorld> {
  const cookie = async (login: string, groups: string[]) => ({ cookie: cookieHeader(await sessionCookie({ login, groups, secret: SESSION_SECRET, maxAge: 86_400 })), origin: foresail.url });
  const sessions: Partial<Record<Caller, Record<string, string>>> = {
    anonymous: {},
    admin: await cookie('alice', ['admins', 'developers']),
    writer: await cookie('bob', ['developers', 'release-managers']),
    executor: await cookie('erin', ['release-managers']),
    viewer: await cookie('dave', ['viewers']),
    nobody: await cookie('carol', []),
  };
  const admin = sessions.admin?.cookie ?? '';
  const forged: Record<string, string>[] = [
    { cookie: 'next-auth.session-token=%E0%A4%A' },
    { cookie: 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..bad.jwt.x' },
    { cookie: `${admin.slice(0, -6)}AAAAAA` },
    { cookie: '=; ;; next-auth.session-token=; a=%' },
    { cookie: await cookie('mallory', ['admins']).then((c) => c.cookie.replace(/=.*/, `=${'A'.repeat(4000)}`)) },
    { authorization: 'Bearer fst_' },
    { authorization: `Bearer fst_${'a'.repeat(5000)}` },
    { authorization: 'Basic %%%' },
    { authorization: `Basic ${Buffer.from('ci:fst_nope.nope').toString('base64')}` },
    { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` },
    { authorization: 'Digest username="x"' },
    { authorization: 'Bearer \u00e9t\u00e9' },
  ];
  const headers = (who: Caller, variant = 0) => (who === 'forged' ? { ...(forged[variant % forged.length] ?? {}), origin: foresail.url } : (sessions[who] ?? {}));

  const send = async (who: Caller, method: string, url: string, body?: unknown) => {
    const res = await fetch(`${foresail.url}${url}`, { method, headers: { ...headers(who), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`R5 world set-up: ${method} ${url} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };

  await send('admin', 'POST', '/api/v1/applications', { name: APP, ownerEmail: 'fuzz@example.com', permissions: { READ: ['viewers', 'developers'], WRITE: ['developers'], EXECUTE: ['developers', 'release-managers'] } });
  const pipelines: FuzzState['pipelines'] = [];
  for (const [name, stages, extra] of [['Waits', [wait], { triggers }], ['Deploys', [{ ...wait, type: 'deployManifest', name: 'Deploy', account: ACCOUNT, namespace: NAMESPACE, manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'r5' } }] }], {}]] as const) {
    const created = await send('admin', 'POST', `/api/v1/applications/${APP}/pipelines`, { pipeline: { name, stages, ...extra } });
    pipelines.push({ id: String((created.pipeline as { id: string }).id), name });
  }
  // Kept out of the fuzzed list, so edits cannot stop it from reaching its judgment; concurrent runs, so a new one never queues.
  const judgedPipeline = await send('admin', 'POST', `/api/v1/applications/${APP}/pipelines`, { pipeline: { name: 'Judged', stages: [judged], limitConcurrent: false } });
  const judgedId = String((judgedPipeline.pipeline as { id: string }).id);
  const canary = await send('admin', 'POST', `/api/v1/applications/${APP}/canary-configs`, { config: canaryConfig('latency') });
  const token = await send('writer', 'POST', '/api/v1/tokens', { name: 'r5', roles: ['developers'], expiresInDays: 1 });
  sessions.token = { authorization: `Bearer ${String(token.token)}` };
  const task = await send('admin', 'POST', '/api/gate/tasks', { application: APP, job: [{ type: 'createApplication', application: { name: 'fuzz-gate', email: 'g@example.com' } }] });
  const analysis = await send('admin', 'POST', '/api/v1/canary/analyses', retrospectiveRequest());

  const state: FuzzState = {
    pipelines,
    execution: { id: '', stageIds: [] },
    canaryConfigId: String((canary.config as { id?: string } | undefined)?.id ?? canary.id),
    tokenId: String(token.id),
    taskId: String(task.ref ?? task.id).split('/').pop() ?? '',
    analysisId: String(analysis.id ?? analysis.canaryExecutionId),
    secrets: [SESSION_SECRET, ldapPassword, TRIGGER_SECRET, 'r5-client-secret', String(token.token)],
  };

  async function refreshExecution(): Promise<void> {
    const started = await send('writer', 'POST', `/api/v1/applications/${APP}/pipelines/${judgedId}/executions`, {});
    const id = String(started.id);
    for (let i = 0; i < 300; i++) {
      const execution = await send('viewer', 'GET', `/api/v1/executions/${id}`);
      const stages = (execution.stages ?? []) as { id: string; refId: string; status: string }[];
      if (stages.some((s) => s.status === 'RUNNING')) {
        state.execution = { id, stageIds: stages.flatMap((s) => [s.id, s.refId]) };
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`R5 world set-up: execution ${id} never reached its judgment`);
  }
  await refreshExecution();

  return { foresail, headers, state, refreshExecution, stop: () => foresail.stop() };
}

export function retrospectiveRequest() {
  return { application: APP, metricsAccountName: 'metrics', canaryConfig: canaryConfig('retro'), controlScope: 'baseline', experimentScope: 'canary', start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z' };
}
