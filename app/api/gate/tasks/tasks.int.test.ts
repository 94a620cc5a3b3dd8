import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication, findApplication } from '@/lib/db/applications';
import * as task from './[id]/route';
import * as tasks from './route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: ['developers'] });

let developer: Record<string, string> = {};
let viewer: Record<string, string> = {};
beforeAll(async () => {
  developer = { cookie: cookieHeader(await sessionCookie({ login: 'dev', groups: ['developers'], secret: testSecret })) };
  viewer = { cookie: cookieHeader(await sessionCookie({ login: 'vi', groups: ['viewers'], secret: testSecret })) };
});

async function run(headers: Record<string, string>, job: Record<string, unknown>) {
  const res = await call<{ ref: string }>(tasks.POST, { method: 'POST', path: '/api/gate/tasks', body: { job: [job], application: 'x', description: 'd' }, headers });
  expect(res.status).toBe(200);
  const id = res.body.ref.replace('/tasks/', '');
  return (await call<{ status: string; steps: { error?: string }[] }>(task.GET, { path: `/api/gate/tasks/${id}`, params: { id }, headers })).body;
}

describe('Gate tasks', () => {
  it('creates an application like spin application save, keeping Spinnaker attributes', async () => {
    const result = await run(developer, { type: 'createApplication', application: { name: 'gate-made', email: 'g@example.com', cloudProviders: 'kubernetes', instancePort: 80 } });
    expect(result.status).toBe('SUCCEEDED');
    expect(await findApplication('gate-made')).toMatchObject({ ownerEmail: 'g@example.com', attributes: { cloudProviders: 'kubernetes', instancePort: 80 } });
  });

  it('ends TERMINAL with the reason when the caller may not do the job', async () => {
    const result = await run(viewer, { type: 'createApplication', application: { name: 'not-allowed', email: 'n@example.com' } });
    expect(result.status).toBe('TERMINAL');
    expect(result.steps[0]?.error).toMatch(/may not create applications/);
    expect(await findApplication('not-allowed')).toBeUndefined();
  });

  it('refuses unsupported job types and invalid names in words', async () => {
    expect((await run(developer, { type: 'upsertProject', application: { name: 'proj' } })).steps[0]?.error).toMatch(/not supported/);
    expect((await run(developer, { type: 'createApplication', application: { name: 'Bad Name', email: 'a@b.co' } })).steps[0]?.error).toMatch(/application.name/);
  });

  it('answers the same for an application you cannot see as for one that does not exist', async () => {
    await createApplication({ name: 'gate-hidden', ownerEmail: 'h@example.com', description: 'secret', permissions: { READ: ['others'], WRITE: ['others'], EXECUTE: [] } });
    const outcome = async (headers: Record<string, string>, type: string, name: string) => {
      const result = await run(headers, { type, application: { name, email: 'p@example.com', description: 'probe' } });
      return { status: result.status, error: result.steps[0]?.error?.replaceAll(name, 'NAME') };
    };
    for (const type of ['createApplication', 'updateApplication', 'upsertApplication', 'deleteApplication']) {
      expect(await outcome(viewer, type, 'gate-hidden'), `${type} by a viewer`).toEqual(await outcome(viewer, type, 'gate-absent'));
    }
    expect(await outcome(developer, 'deleteApplication', 'gate-hidden')).toEqual(await outcome(developer, 'deleteApplication', 'gate-absent'));
    const update = await outcome(developer, 'updateApplication', 'gate-hidden');
    expect(update.status).toBe('TERMINAL');
    expect(update.error).not.toMatch(/see/);
    expect(await findApplication('gate-hidden')).toMatchObject({ ownerEmail: 'h@example.com', description: 'secret' });
  });

  it('deletes an application like spin application delete', async () => {
    await run(developer, { type: 'createApplication', application: { name: 'gate-doomed', email: 'g@example.com' } });
    expect((await run(developer, { type: 'deleteApplication', application: { name: 'gate-doomed' } })).status).toBe('SUCCEEDED');
    expect(await findApplication('gate-doomed')).toBeUndefined();
  });
});
