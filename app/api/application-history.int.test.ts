/**
 * Issue 13, item 10d: history that outlives an application (audit events, trigger attempts,
 * execution events, Gate tasks) belongs to that application, not to its name: an application
 * recreated under a deleted one's name starts with no history, and its readers see none of the old.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import { recordAudit } from '@/lib/db/audit';
import { eventsAfter } from '@/lib/db/events';
import { insertGateTask } from '@/lib/db/gate-tasks';
import { insertPipeline } from '@/lib/db/pipelines';
import { recordTriggerAttempt } from '@/lib/db/trigger-attempts';
import { startExecution } from '@/lib/engine/start-execution';
import * as application from './v1/applications/[name]/route';
import * as applications from './v1/applications/route';
import * as audit from './v1/audit/route';
import * as executions from './v1/executions/route';
import * as task from './gate/tasks/[id]/route';
import * as attempts from './v1/trigger-attempts/route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: ['creators'] });

const app = 'phoenix';
const OLD = 'old-phoenix-marker';
let olga: Record<string, string> = {};
let nina: Record<string, string> = {};
let admin: Record<string, string> = {};
let oldExecution = '';
const as = async (login: string, groups: string[]) => ({ cookie: cookieHeader(await sessionCookie({ login, groups, secret: testSecret })) });

beforeAll(async () => {
  olga = await as('olga', ['old-team', 'creators']);
  nina = await as('nina', ['new-team', 'creators']);
  admin = await as('ada', ['admins']);
  // The first phoenix, with a history of every kind.
  await createApplication({ name: app, ownerEmail: 'old@example.com', description: '', permissions: { READ: ['old-team'], WRITE: ['old-team'], EXECUTE: ['old-team'] } });
  await insertPipeline({ id: 'phoenix-old', application: app, name: 'Old deploy', config: { id: 'phoenix-old', name: 'Old deploy', application: app, stages: [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'W', waitTime: 1 }] }, disabled: false, locked: false, by: 'olga', action: 'create' });
  const started = await startExecution({ pipelineId: 'phoenix-old', source: 'manual', authentication: { user: 'olga', roles: ['old-team'] }, trigger: { type: 'manual', user: 'olga' } });
  if (!('executionId' in started)) throw new Error('not started');
  oldExecution = started.executionId;
  await recordAudit({ actor: 'olga', action: 'pipeline.update', targetType: 'pipeline', targetId: 'phoenix-old', application: app, outcome: 'success', details: { note: OLD } });
  await recordTriggerAttempt({ source: 'webhook', application: app, pipelineId: 'phoenix-old', outcome: 'refused', reason: `token invalid ${OLD}` });
  await insertGateTask({ id: 'phoenix-old-task', application: app, description: OLD, status: 'SUCCEEDED', steps: [], createdBy: 'olga' });

  // Deleted (through the API, as people do), then created again by someone else.
  expect((await call(application.DELETE, { method: 'DELETE', path: `/api/v1/applications/${app}`, params: { name: app }, headers: olga })).status).toBe(204);
  const created = await call(applications.POST, { method: 'POST', path: '/api/v1/applications', body: { name: app, ownerEmail: 'new@example.com', permissions: { READ: ['new-team'], WRITE: ['new-team'], EXECUTE: ['new-team'] } }, headers: nina });
  expect(created.status).toBe(201);
});

describe('a recreated application does not inherit the deleted one’s history', () => {
  it('audit log: the new readers see only the new application’s events', async () => {
    const res = await call<{ events: { action: string; details: unknown }[] }>(audit.GET, { path: `/api/v1/audit?application=${app}`, headers: nina });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(OLD);
    expect(res.body.events.map((e) => e.action)).toEqual(['application.create']);
  });

  it('trigger attempts, execution events and Gate tasks of the old one are not theirs', async () => {
    const res = await call<{ attempts: unknown[] }>(attempts.GET, { path: `/api/v1/trigger-attempts?application=${app}`, headers: nina });
    expect(res.status).toBe(200);
    expect(res.body.attempts).toEqual([]);
    expect((await eventsAfter(0n, { applications: [app] })).filter((e) => e.executionId === oldExecution)).toEqual([]);
    expect((await call(task.GET, { path: '/api/gate/tasks/phoenix-old-task', params: { id: 'phoenix-old-task' }, headers: nina })).status).toBe(404);
  });

  it('executions and pipelines of the old one went with it', async () => {
    const res = await call<{ executions: unknown[] }>(executions.GET, { path: `/api/v1/executions?application=${app}`, headers: nina });
    expect(res.body.executions).toEqual([]);
  });

  it('administrators still find the old history (it is never deleted), and the old author their own actions', async () => {
    const all = await call<{ events: unknown[] }>(audit.GET, { path: `/api/v1/audit?application=${app}`, headers: admin });
    expect(JSON.stringify(all.body)).toContain(OLD);
    const own = await call<{ events: unknown[] }>(audit.GET, { path: '/api/v1/audit?actor=olga', headers: olga });
    expect(JSON.stringify(own.body)).toContain(OLD);
    expect((await call(task.GET, { path: '/api/gate/tasks/phoenix-old-task', params: { id: 'phoenix-old-task' }, headers: olga })).status).toBe(200);
  });
});
