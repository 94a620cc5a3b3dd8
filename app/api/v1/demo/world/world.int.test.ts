import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { reloadConfig } from '@/lib/env';
import { demoWorldPaths } from '@/lib/world/demo-paths';
import { worldStatusDtoSchema, type WorldPart } from '@/lib/world/status';
import { writeWorldStatus } from '@/lib/world/status-file';
import { GET } from './route';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-demo-api-'));
const { statusFile } = demoWorldPaths(dataDir);
const world = JSON.stringify({ kubeconfigFile: path.join(dataDir, 'world', 'kubeconfig'), context: 'demo', prometheusUrl: 'http://127.0.0.1:9392' });
const request = (headers: Record<string, string> = {}) => call(GET, { path: '/api/v1/demo/world', headers });
const building: WorldPart[] = [
  { id: 'kubernetes', label: 'Kubernetes', required: true, state: 'building', step: 2, total: 6, item: 'kube-apiserver', since: Date.now() - 240_000 },
  { id: 'prometheus', label: 'Prometheus', required: true, state: 'ready', since: Date.now() },
  { id: 'ldap', label: 'OpenLDAP', required: false, state: 'unavailable', missing: 'slapd, slaptest (Debian packages slapd, ldap-utils)', fix: 'sudo apt-get install -y --no-install-recommends slapd ldap-utils' },
];

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] }, { demo: true });
let viewer: Record<string, string>;

/** Runs as `npm run demo` does (FORESAIL_DEMO_WORLD and the data folder set by the supervisor), or not. */
function demoMode(on: boolean): void {
  if (on) Object.assign(process.env, { FORESAIL_DEMO_WORLD: world, FORESAIL_DATA_DIR: dataDir });
  else for (const key of ['FORESAIL_DEMO_WORLD', 'FORESAIL_DATA_DIR']) Reflect.deleteProperty(process.env, key);
  reloadConfig();
}

beforeAll(async () => {
  viewer = { cookie: cookieHeader(await sessionCookie({ login: 'dave', groups: ['viewers'], secret: testSecret })) };
});
afterAll(() => {
  demoMode(false);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/v1/demo/world', () => {
  it('is 404 outside `npm run demo`, and 401 for anonymous callers either way', async () => {
    demoMode(false);
    expect(await request(viewer)).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect((await request()).status).toBe(401);
    demoMode(true);
    expect((await request()).status).toBe(401);
  });

  it('answers what the world runner wrote, to any signed-in user', async () => {
    demoMode(true);
    expect((await request(viewer)).body).toMatchObject({ runner: 'absent', ready: false, parts: [] });

    writeWorldStatus(statusFile, building);
    const res = await request(viewer);
    expect(res.status).toBe(200);
    const dto = worldStatusDtoSchema.parse(res.body);
    expect(dto).toMatchObject({ runner: 'running', ready: false, parts: building });
    expect(Math.abs(dto.serverTime - Date.now())).toBeLessThan(60_000);

    // LDAP is optional: the world is ready once the cluster and Prometheus are.
    writeWorldStatus(statusFile, [{ id: 'kubernetes', label: 'Kubernetes', required: true, state: 'ready', since: Date.now() }, ...building.slice(1)]);
    expect((await request(viewer)).body).toMatchObject({ runner: 'running', ready: true });
  });

  it('is not ready when the runner that wrote the status has stopped', async () => {
    demoMode(true);
    const ready = building.map((part) => ({ id: part.id, label: part.label, required: part.required, state: 'ready', since: 1 }));
    const writer = `import { writeWorldStatus } from ${JSON.stringify(path.resolve('lib/world/status-file.ts'))}; writeWorldStatus(${JSON.stringify(statusFile)}, ${JSON.stringify(ready)});`;
    expect(spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer], { encoding: 'utf8' }).status).toBe(0);
    expect((await request(viewer)).body).toMatchObject({ runner: 'stopped', ready: false, parts: ready });
  });
});
