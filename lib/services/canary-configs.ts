import 'server-only';
import { randomUUID } from 'node:crypto';
import { audited } from '../audit';
import { assertCan, can } from '../auth/permissions';
import type { SessionUser } from '../auth/principal';
import { applicationResource } from '../auth/resources';
import { storedCanaryConfigSchema } from '../canary/stats/config-rules';
import { listApplications } from '../db/applications';
import {
  deleteCanaryConfig,
  findCanaryConfigById,
  insertCanaryConfig,
  kayentaConfigOf,
  listCanaryConfigs,
  updateCanaryConfig,
  type CanaryConfigRecord,
  type JsonObject,
} from '../db/canary-configs';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { ApplicationDto } from '../pipeline/application';
import { visibleApplication } from '../auth/visible-applications';
import type { RequestMeta } from '../request-meta';
import { describeManagedBy, MANAGED_BY_KEY, managedByOf } from '../pipeline/managed-by';

/** Kayenta's list entry (CanaryConfigIndex), as `spin canary canary-config list` prints it. */
export interface CanaryConfigSummary {
  id: string;
  name: string;
  applications: string[];
  updatedTimestamp: number;
  updatedTimestampIso: string;
  metricCount: number;
  updatedBy: string | null;
}

export interface CanaryConfigView {
  config: JsonObject;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

/** Keys the server owns: stored from the row, never from the client's copy. */
// managedBy is written only by the GitOps sync: a client cannot claim (or disown) a resource's config.
const serverKeys = ['id', 'name', 'applications', 'createdTimestamp', 'updatedTimestamp', 'createdTimestampIso', 'updatedTimestampIso', MANAGED_BY_KEY];

/** A canary config kept as a Kubernetes resource changes only through it (README "GitOps"). */
function assertNotManaged(record: CanaryConfigRecord): void {
  const managedBy = managedByOf(record.config);
  if (!managedBy) return;
  throw new ForbiddenError(`Canary config ${record.name} is managed by ${describeManagedBy(managedBy)}: change the CanaryConfig resource ${managedBy.name} in namespace ${managedBy.namespace} instead of editing it here`);
}
const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

export function summaryOfCanaryConfig(record: CanaryConfigRecord): CanaryConfigSummary {
  const updated = new Date(record.updatedAt);
  const metrics = record.config.metrics;
  return {
    id: record.id,
    name: record.name,
    applications: [record.application],
    updatedTimestamp: updated.getTime(),
    updatedTimestampIso: updated.toISOString(),
    metricCount: Array.isArray(metrics) ? metrics.length : 0,
    updatedBy: record.updatedBy,
  };
}

export const viewOfCanaryConfig = (record: CanaryConfigRecord): CanaryConfigView => ({ config: kayentaConfigOf(record), version: record.version, updatedBy: record.updatedBy, updatedAt: record.updatedAt });

export async function visibleCanaryConfig(user: SessionUser, application: string, id: string): Promise<{ application: ApplicationDto; record: CanaryConfigRecord }> {
  const app = await visibleApplication(user, application);
  const record = await findCanaryConfigById(id);
  if (!record || record.application !== app.name) throw new NotFoundError(`Canary config ${id} not found in ${app.name}`);
  return { application: app, record };
}

/** For Gate's id-only routes: the config and its application if this user may read it; 404 otherwise. */
export async function visibleCanaryConfigById(user: SessionUser, id: string): Promise<{ application: ApplicationDto; record: CanaryConfigRecord }> {
  const record = await findCanaryConfigById(id);
  if (!record) throw new NotFoundError(`Canary config ${id} not found`);
  return visibleCanaryConfig(user, record.application, id).catch(() => {
    throw new NotFoundError(`Canary config ${id} not found`);
  });
}

/** Summaries of the configs this user may read, optionally of one application. */
export async function listVisibleCanaryConfigs(user: SessionUser, application?: string): Promise<CanaryConfigSummary[]> {
  const apps = (await listApplications()).filter((app) => can(user, 'read', applicationResource(app)) && (!application || app.name === application));
  if (apps.length === 0) return [];
  return (await listCanaryConfigs(apps.map((app) => app.name))).map(summaryOfCanaryConfig);
}

/** Validation (422 with field paths) and normalisation into what is stored. */
export function prepareCanaryConfig(input: unknown, application: string): { name: string; config: JsonObject } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError('config: must be a JSON object', [{ path: 'config', message: 'must be a JSON object' }]);
  }
  const body = input as JsonObject;
  const named = body.applications;
  if (Array.isArray(named) && named.length > 0 && !named.includes(application)) {
    throw new ValidationError(`applications: the config belongs to ${String(named[0])} but is being saved in ${application}`, [{ path: 'applications', message: `must be [${application}]` }]);
  }
  // Parsed for its issues only: the stored JSON is the client's own (Kayenta keeps what it is given).
  storedCanaryConfigSchema.parse(body);
  const config = Object.fromEntries(Object.entries(body).filter(([key]) => !serverKeys.includes(key)));
  return { name: String(body.name).trim(), config };
}

/** Kayenta's `applications[0]`: Gate's create route carries the application only in the body. */
export function applicationNamedIn(input: unknown): string {
  const named = typeof input === 'object' && input !== null ? (input as JsonObject).applications : undefined;
  const first = Array.isArray(named) ? named[0] : undefined;
  if (typeof first !== 'string' || !first) throw new ValidationError('applications: name the application that owns the config', [{ path: 'applications', message: 'required, e.g. ["myapp"]' }]);
  return first;
}

export async function createCanaryConfigFor(meta: RequestMeta, user: SessionUser, application: ApplicationDto, input: unknown): Promise<CanaryConfigRecord> {
  const prepared = prepareCanaryConfig(input, application.name);
  // spin requires an id in the file and creates with it when GET says 404, so a client id is kept.
  const requested = (input as JsonObject).id;
  const id = typeof requested === 'string' && idPattern.test(requested) ? requested : randomUUID();
  return audited(meta, user, { action: 'canaryConfig.create', targetType: 'canaryConfig', targetId: id, application: application.name, details: { name: prepared.name } }, async () => {
    assertCan(user, 'write', applicationResource(application));
    return insertCanaryConfig({ id, application: application.name, name: prepared.name, config: prepared.config, by: user.login });
  });
}

export async function saveCanaryConfigFor(meta: RequestMeta, user: SessionUser, application: ApplicationDto, record: CanaryConfigRecord, input: unknown, expectedVersion?: number): Promise<CanaryConfigRecord> {
  const prepared = prepareCanaryConfig(input, application.name);
  const requested = (input as JsonObject).id;
  if (requested !== undefined && requested !== record.id) throw new ValidationError(`id: this canary config is ${record.id}`, [{ path: 'id', message: `must be ${record.id}` }]);
  return audited(meta, user, { action: 'canaryConfig.update', targetType: 'canaryConfig', targetId: record.id, application: application.name, details: { name: prepared.name, fromVersion: record.version } }, async () => {
    assertCan(user, 'write', applicationResource(application));
    assertNotManaged(record);
    return updateCanaryConfig(record.id, { name: prepared.name, config: prepared.config, by: user.login, expectedVersion });
  });
}

export async function deleteCanaryConfigFor(meta: RequestMeta, user: SessionUser, application: ApplicationDto, record: CanaryConfigRecord): Promise<void> {
  await audited(meta, user, { action: 'canaryConfig.delete', targetType: 'canaryConfig', targetId: record.id, application: application.name, details: { name: record.name } }, async () => {
    assertCan(user, 'write', applicationResource(application));
    assertNotManaged(record);
    await deleteCanaryConfig(record.id);
  });
}
