import { latencySeries } from '../lib/testing/latency-series';
import { pushSeries } from '../lib/testing/prometheus-push';
import { expect, test } from './support/fixtures';
import { spinFor, type Spin } from './support/spin';

// A scripted session with the real Spinnaker CLI (v1.30.0, built from source) against Foresail's
// Gate-compatible API, authenticated with an API token as CI systems do.
const app = 'spin-session';
const deploy = {
  application: app,
  name: 'Deploy to prod',
  keepWaitingPipelines: false,
  limitConcurrent: true,
  stages: [
    { refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Soak', waitTime: 30 },
    { refId: '2', requisiteStageRefIds: ['1'], type: 'manualJudgment', name: 'Approve', judgmentInputs: [{ value: 'go' }], selectedStageRoles: ['release-managers'] },
  ],
  triggers: [{ type: 'docker', enabled: true, account: 'dockerhub', organization: 'acme', repository: 'acme/web', tag: '^v.*' }],
  parameterConfig: [{ name: 'region', default: 'eu', required: true }],
  spinnakerOnlyKey: { kept: true },
};
const build = { application: app, name: 'build.v2 main', stages: [{ type: 'wait', name: 'Build', waitTime: '${parameters.t}' }], parameterConfig: [{ name: 't', default: '5' }] };

test.describe('spin CLI against Foresail', () => {
  let spinRef: Spin | undefined;
  const spin = new Proxy({} as Spin, { get: (_t, key: keyof Spin) => { if (!spinRef) throw new Error('spin did not start'); return spinRef[key]; } });
  test.beforeAll(async ({ foresail, adminToken }) => {
    spinRef = await spinFor(foresail.url, adminToken);
  });
  test.afterAll(() => spinRef?.dispose());

  test('application save, list, get and delete', async () => {
    await spin.ok('application', 'save', '--application-name', app, '--owner-email', 'team@example.com', '--cloud-providers', 'kubernetes');
    const list = JSON.parse(await spin.ok('application', 'list')) as { name: string; email: string }[];
    expect(list.find((a) => a.name === app)).toMatchObject({ email: 'team@example.com' });
    const got = JSON.parse(await spin.ok('application', 'get', app)) as Record<string, unknown>;
    expect(got).toMatchObject({ name: app, email: 'team@example.com', cloudProviders: 'kubernetes' });
    const missing = await spin.run('application', 'get', 'no-such-app');
    expect(missing.code).not.toBe(0);
  });

  test('pipeline save (create and update), list, get and delete for several pipelines', async ({ adminApi }) => {
    expect(await spin.ok('pipeline', 'save', '--file', spin.file('deploy.json', deploy))).toMatch(/Pipeline save succeeded/i);
    await spin.ok('pipeline', 'save', '--file', spin.file('build.json', build));

    const listed = JSON.parse(await spin.ok('pipeline', 'list', '--application', app)) as { name: string; id: string }[];
    expect(listed.map((p) => p.name).sort()).toEqual(['Deploy to prod', 'build.v2 main']);

    const fetched = JSON.parse(await spin.ok('pipeline', 'get', '--application', app, '--name', 'Deploy to prod')) as Record<string, unknown>;
    expect(fetched).toMatchObject({ name: 'Deploy to prod', application: app, spinnakerOnlyKey: { kept: true } });
    expect(typeof fetched.id).toBe('string');
    expect(JSON.parse(await spin.ok('pipeline', 'get', '--application', app, '--name', 'build.v2 main'))).toMatchObject({ name: 'build.v2 main' });

    // Saving again updates the same pipeline (spin copies the id it found) and adds a revision.
    await spin.ok('pipeline', 'save', '--file', spin.file('deploy2.json', { ...deploy, description: 'now with a description' }));
    const revisions = (await (await adminApi.get(`/api/v1/applications/${app}/pipelines/${String(fetched.id)}/revisions`)).json()) as unknown[];
    expect(revisions).toHaveLength(2);
    const after = JSON.parse(await spin.ok('pipeline', 'get', '--application', app, '--name', 'Deploy to prod')) as Record<string, unknown>;
    expect(after).toMatchObject({ id: fetched.id, description: 'now with a description' });

    const invalid = await spin.run('pipeline', 'save', '--file', spin.file('bad.json', { ...build, name: 'Broken', stages: [{ refId: 'a', requisiteStageRefIds: ['b'], type: 'wait', name: 'x', waitTime: 1 }] }));
    expect(invalid.code).not.toBe(0);

    await spin.ok('pipeline', 'delete', '--application', app, '--name', 'build.v2 main');
    const remaining = JSON.parse(await spin.ok('pipeline', 'list', '--application', app)) as { name: string }[];
    expect(remaining.map((p) => p.name)).toEqual(['Deploy to prod']);
  });

  test('pipeline get shows a trigger secret masked, and saving that back keeps the stored secret', async ({ foresail }) => {
    const token = `spin-hook-${Date.now().toString(36)}`;
    const source = `spin-secured-${Date.now().toString(36)}`;
    const secured = { application: app, name: 'Secured', stages: [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Short', waitTime: 1 }], triggers: [{ type: 'webhook', enabled: true, source, secret: token }] };
    await spin.ok('pipeline', 'save', '--file', spin.file('secured.json', secured));
    const got = JSON.parse(await spin.ok('pipeline', 'get', '--application', app, '--name', 'Secured')) as typeof secured & { id: string };
    expect(JSON.stringify(got)).not.toContain(token);
    expect(got.triggers[0]?.secret).toBe('********');

    // What spin printed, edited and saved back: the stored secret is kept, so the webhook still takes it.
    expect(await spin.ok('pipeline', 'save', '--file', spin.file('secured2.json', { ...got, description: 'edited with spin' }))).toMatch(/Pipeline save succeeded/i);
    expect(JSON.parse(await spin.ok('pipeline', 'get', '--application', app, '--name', 'Secured'))).toMatchObject({ id: got.id, description: 'edited with spin', triggers: [{ secret: '********' }] });
    const hook = (value: string) => fetch(`${foresail.url}/api/webhooks/webhook/${source}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-foresail-token': value }, body: '{}' }).then(async (r) => (await r.json()) as { accepted: number; refused: number });
    expect(await hook('********')).toEqual({ accepted: 0, refused: 1 });
    expect(await hook(token)).toEqual({ accepted: 1, refused: 0 });

    // A copy under a new name has no secret behind the mask: refused, and spin says so.
    const copy = await spin.run('pipeline', 'save', '--file', spin.file('secured-copy.json', { ...got, id: undefined, name: 'Secured copy' }));
    expect(copy.code).not.toBe(0);
    await spin.ok('pipeline', 'delete', '--application', app, '--name', 'Secured');
  });

  test('pipeline execute, execution list/get/cancel, application pipelines get/cancel', async () => {
    type Execution = { id: string; status: string; canceledBy?: string; trigger: { type: string; user: string; parameters: Record<string, unknown> }; stages: { name: string; status: string }[] };
    const { id: pipelineId } = JSON.parse(await spin.ok('pipeline', 'get', '--application', app, '--name', 'Deploy to prod')) as { id: string };
    const get = async (id: string) => (JSON.parse(await spin.ok('pipeline', 'execution', 'get', id)) as Execution[])[0];

    expect(await spin.ok('pipeline', 'execute', '--application', app, '--name', 'Deploy to prod', '--parameter', 'region=us')).toMatch(/Pipeline execution started/);
    const listed = JSON.parse(await spin.ok('pipeline', 'execution', 'list', '--pipeline-id', pipelineId)) as Execution[];
    expect(listed).toHaveLength(1);
    const first = listed[0];
    expect(first?.trigger).toMatchObject({ type: 'manual', user: 'alice', parameters: { region: 'us' } });
    const id = first?.id ?? '';
    // The worker picks it up: the 30 s wait is running.
    await expect.poll(async () => (await get(id))?.stages.find((s) => s.name === 'Soak')?.status, { timeout: 20_000 }).toBe('RUNNING');
    const running = JSON.parse(await spin.ok('pipeline', 'execution', 'list', '--pipeline-id', pipelineId, '--running')) as Execution[];
    expect(running.map((e) => e.id)).toEqual([id]);
    expect(JSON.parse(await spin.ok('pipeline', 'execution', 'list', '--pipeline-id', pipelineId, '--succeeded'))).toEqual([]);
    const ofApp = JSON.parse(await spin.ok('application', 'pipelines', 'get', '--application-name', app)) as Execution[];
    expect(ofApp.map((e) => e.id)).toContain(id);

    expect(await spin.ok('pipeline', 'execution', 'cancel', id)).toMatch(new RegExp(`Execution ${id} successfully canceled`));
    await expect.poll(async () => (await get(id))?.status, { timeout: 20_000 }).toBe('CANCELED');
    expect(await get(id)).toMatchObject({ canceledBy: 'alice' });

    // The second run is cancelled the way `spin application pipelines cancel` does it.
    await spin.ok('pipeline', 'execute', '--application', app, '--name', 'Deploy to prod', '--parameter', 'region=eu');
    // Listed as running once the worker has picked it up (until then it is NOT_STARTED, which --running leaves out).
    const runningIds = async () => (JSON.parse(await spin.ok('pipeline', 'execution', 'list', '--pipeline-id', pipelineId, '--running')) as Execution[]).map((e) => e.id);
    await expect.poll(runningIds, { timeout: 20_000 }).toHaveLength(1);
    const second = (await runningIds())[0] ?? '';
    expect(second).not.toBe(id);
    expect(await spin.ok('application', 'pipelines', 'cancel', '--id', second, '--reason', 'wrong region')).toMatch(/was cancelled/);
    await expect.poll(async () => (await get(second))?.status, { timeout: 20_000 }).toBe('CANCELED');
    expect(JSON.parse(await spin.ok('pipeline', 'execution', 'list', '--pipeline-id', pipelineId, '--canceled')).map((e: Execution) => e.id).sort()).toEqual([id, second].sort());

    const unknown = await spin.run('pipeline', 'execute', '--application', app, '--name', 'No such pipeline');
    expect(unknown.code).not.toBe(0);
  });

  test('account whoami and application delete', async () => {
    expect(JSON.parse(await spin.ok('account', 'whoami'))).toMatchObject({ username: 'alice', roles: expect.arrayContaining(['admins']) });
    await spin.ok('application', 'delete', app);
    expect((await spin.run('application', 'get', app)).code).not.toBe(0);
  });
});

test.describe('spin canary canary-config against Foresail', () => {
  const canaryApp = 'spin-canary';
  const config = {
    id: 'spin-canary-latency',
    name: 'latency-canary',
    applications: [canaryApp],
    configVersion: '1',
    judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
    metrics: [
      { name: 'p99', groups: ['latency'], scopeName: 'default', query: { type: 'prometheus', customInlineTemplate: 'PromQL:histogram_quantile(0.99, rate(http_seconds_bucket{track="${scope}"}[1m]))' }, analysisConfigurations: { canary: { direction: 'increase', critical: true } } },
    ],
    classifier: { groupWeights: { latency: 100 } },
    templates: {},
    kayentaOnly: { kept: true },
  };
  let spinRef: Spin | undefined;
  const spin = new Proxy({} as Spin, { get: (_t, key: keyof Spin) => { if (!spinRef) throw new Error('spin did not start'); return spinRef[key]; } });
  test.beforeAll(async ({ foresail, adminToken, adminApi }) => {
    const res = await adminApi.post('/api/v1/applications', { data: { name: canaryApp, ownerEmail: 'canary@example.com' } });
    expect([201, 409]).toContain(res.status());
    spinRef = await spinFor(foresail.url, adminToken);
  });
  test.afterAll(() => spinRef?.dispose());

  test('canary-config save (create and update), list, get and delete', async ({ adminApi }) => {
    expect(await spin.ok('canary', 'canary-config', 'save', '--file', spin.file('canary.json', config))).toMatch(/Canary config save succeeded/);
    const listed = JSON.parse(await spin.ok('canary', 'canary-config', 'list', '--application', canaryApp)) as { id: string; name: string; applications: string[] }[];
    expect(listed).toEqual([expect.objectContaining({ id: config.id, name: 'latency-canary', applications: [canaryApp] })]);
    const fetched = JSON.parse(await spin.ok('canary', 'canary-config', 'get', '--id', config.id)) as Record<string, unknown>;
    expect(fetched).toMatchObject({ id: config.id, name: 'latency-canary', metrics: config.metrics, kayentaOnly: { kept: true } });

    // Saving the same id again updates it (spin GETs first, then PUTs).
    await spin.ok('canary', 'canary-config', 'save', '--file', spin.file('canary2.json', { ...config, description: 'updated by spin' }));
    const view = (await (await adminApi.get(`/api/v1/applications/${canaryApp}/canary-configs/${config.id}`)).json()) as { version: number; config: Record<string, unknown> };
    expect(view).toMatchObject({ version: 2, config: { description: 'updated by spin' } });

    // Weights not summing to 100 are refused, and spin says so.
    const invalid = await spin.run('canary', 'canary-config', 'save', '--file', spin.file('bad.json', { ...config, id: 'spin-canary-bad', name: 'bad', classifier: { groupWeights: { latency: 90 } } }));
    expect(invalid.code).not.toBe(0);

    expect(await spin.ok('canary', 'canary-config', 'delete', config.id)).toMatch(new RegExp(`Canary config ${config.id} deleted`));
    expect(JSON.parse(await spin.ok('canary', 'canary-config', 'list', '--application', canaryApp))).toEqual([]);
    expect((await spin.run('canary', 'canary-config', 'get', '--id', config.id)).code).not.toBe(0);
  });
});

test.describe('spin canary canary-config retro against Foresail', () => {
  const retroApp = 'spin-retro';
  const run = `r${Date.now().toString(36)}`;
  const metric = (name: string, series: string) => ({ name, groups: [name], scopeName: 'default', query: { type: 'prometheus', customInlineTemplate: `PromQL:${series}{run="${run}",version="\${scope}"}` }, analysisConfigurations: { canary: { direction: 'increase', critical: true } } });
  const config = { name: 'retro-latency', applications: [retroApp], judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} }, metrics: [metric('latency', 'e2e_spin_retro_seconds')], classifier: { groupWeights: { latency: 100 } }, templates: {} };
  const start = Math.floor((Date.now() - 15 * 60_000) / 1000) * 1000;
  let spinRef: Spin | undefined;
  const spin = new Proxy({} as Spin, { get: (_t, key: keyof Spin) => { if (!spinRef) throw new Error('spin did not start'); return spinRef[key]; } });
  test.beforeAll(async ({ foresail, adminToken, adminApi, world }) => {
    const res = await adminApi.post('/api/v1/applications', { data: { name: retroApp, ownerEmail: 'retro@example.com' } });
    expect([201, 409]).toContain(res.status());
    const side = (version: string, mean: number, seed: number) => latencySeries({ name: 'e2e_spin_retro_seconds', labels: { run, version }, start, stepMs: 10_000, count: 60, mean, jitter: 0.05, seed });
    await pushSeries(world.prometheus.url, [side('baseline', 0.2, 1), side('same', 0.2, 1), side('slower', 0.3, 2)]);
    spinRef = await spinFor(foresail.url, adminToken);
  });
  test.afterAll(() => spinRef?.dispose());

  const retro = (experiment: string) =>
    spin.run(
      'canary', 'canary-config', 'retro', '--file', spin.file(`retro-${experiment}.json`, config),
      '--control-group', 'baseline', '--control-location', 'local', '--experiment-group', experiment, '--experiment-location', 'local',
      '--start', new Date(start).toISOString().replace('.000', ''), '--end', new Date(start + 590_000).toISOString().replace('.000', ''),
      '--step', '10', '--metrics-account', 'metrics', '--full-result',
    );

  test('retro judges a past window against real Prometheus: FAIL for a slower canary, PASS for an identical one', async ({ adminApi }) => {
    const failed = await retro('slower');
    expect(failed.code, failed.stdout + failed.stderr).toBe(0);
    expect(failed.stdout + failed.stderr).toMatch(/Retrospective canary execution finished, judgement = FAIL/);
    const passed = await retro('same');
    expect(passed.code, passed.stdout + passed.stderr).toBe(0);
    expect(passed.stdout + passed.stderr).toMatch(/judgement = PASS/);

    // Both are stored and readable as reports.
    const listed = (await (await adminApi.get(`/api/v1/canary/analyses?application=${retroApp}`)).json()) as { id: string; score: number; request: { experimentScope: string } }[];
    expect(listed.map((a) => `${a.request.experimentScope}:${a.score}`).sort()).toStrictEqual(['same:100', 'slower:0']);
  });
});
