import 'server-only';
import { canaryConfigSchema, type CanaryConfig } from '../canary/stats/canary-config';
import { ConflictError, NotFoundError } from '../errors';
import { getDb } from './client';
import type { Prisma } from './generated/client.ts';
import { isUniqueViolation } from './prisma-errors';

export type JsonObject = Record<string, unknown>;

export interface CanaryConfigRecord {
  id: string;
  application: string;
  name: string;
  /** The Kayenta config as saved (unknown keys kept; identity keys come from the row). */
  config: JsonObject;
  version: number;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const select = { id: true, application: true, name: true, config: true, version: true, updatedBy: true, createdAt: true, updatedAt: true } as const;
type Row = Omit<CanaryConfigRecord, 'config' | 'createdAt' | 'updatedAt'> & { config: unknown; createdAt: Date; updatedAt: Date };

const toRecord = (row: Row): CanaryConfigRecord => ({
  ...row,
  config: typeof row.config === 'object' && row.config !== null && !Array.isArray(row.config) ? (row.config as JsonObject) : {},
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
const json = (value: JsonObject) => value as Prisma.InputJsonValue;

/** Configs of the given applications (all of them when `applications` is undefined), by name. */
export async function listCanaryConfigs(applications?: string[]): Promise<CanaryConfigRecord[]> {
  const where = applications ? { application: { in: applications } } : {};
  const rows = await getDb().canaryConfig.findMany({ select, where, orderBy: [{ application: 'asc' }, { name: 'asc' }], take: 2_000 });
  return rows.map(toRecord);
}

/** Canary configs the GitOps sync of `account` keeps (config.managedBy.account), for pruning after missed deletes. */
export async function listManagedCanaryConfigs(account: string): Promise<CanaryConfigRecord[]> {
  const rows = await getDb().canaryConfig.findMany({ select, where: { config: { path: ['managedBy', 'account'], equals: account } }, take: 10_000 });
  return rows.map(toRecord);
}

export async function findCanaryConfigById(id: string): Promise<CanaryConfigRecord | undefined> {
  const row = await getDb().canaryConfig.findUnique({ select, where: { id } });
  return row ? toRecord(row) : undefined;
}

/** Names are unique per application regardless of case, as Deck checks them. */
export async function findCanaryConfigByName(application: string, name: string): Promise<CanaryConfigRecord | undefined> {
  const row = await getDb().canaryConfig.findFirst({ select, where: { application, name: { equals: name, mode: 'insensitive' } } });
  return row ? toRecord(row) : undefined;
}

export interface NewCanaryConfig {
  id: string;
  application: string;
  name: string;
  config: JsonObject;
  by: string;
}

export async function insertCanaryConfig(input: NewCanaryConfig): Promise<CanaryConfigRecord> {
  try {
    return await getDb().$transaction(async (tx) => {
      await assertNameFree(tx, input.application, input.name, input.id);
      const row = await tx.canaryConfig.create({ select, data: { id: input.id, application: input.application, name: input.name, config: json(input.config), updatedBy: input.by } });
      return toRecord(row);
    });
  } catch (err) {
    // The (application, name) index backs the check above against a concurrent insert.
    if (isUniqueViolation(err)) throw new ConflictError(`A canary config with id ${input.id} or name ${input.name} already exists`);
    throw err;
  }
}

/**
 * Saves a new version. With `expectedVersion` the save only wins against the version the editor
 * loaded (409 otherwise); without it (spin and Gate clients send none) the last write wins.
 */
export async function updateCanaryConfig(id: string, change: { name: string; config: JsonObject; by: string; expectedVersion?: number }): Promise<CanaryConfigRecord> {
  try {
    return await getDb().$transaction(async (tx) => {
      const current = await tx.canaryConfig.findUnique({ select: { application: true, version: true, updatedBy: true, updatedAt: true }, where: { id } });
      if (!current) throw new NotFoundError(`Canary config ${id} not found`);
      const expected = change.expectedVersion ?? current.version;
      if (current.version !== expected) {
        throw new ConflictError(`The canary config changed since you loaded it: version ${current.version} was saved by ${current.updatedBy ?? 'someone'} at ${current.updatedAt.toISOString()}. Reload it and apply your changes again.`);
      }
      await assertNameFree(tx, current.application, change.name, id);
      const [row] = await tx.canaryConfig.updateManyAndReturn({
        select,
        where: { id, version: expected },
        data: { name: change.name, config: json(change.config), version: expected + 1, updatedBy: change.by },
      });
      if (!row) throw new ConflictError('The canary config was saved by someone else at the same moment; reload it and try again');
      return toRecord(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`Another canary config is already named ${change.name}`);
    throw err;
  }
}

export async function deleteCanaryConfig(id: string): Promise<void> {
  const { count } = await getDb().canaryConfig.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError(`Canary config ${id} not found`);
}

async function assertNameFree(tx: Prisma.TransactionClient, application: string, name: string, exceptId: string): Promise<void> {
  const clash = await tx.canaryConfig.findFirst({ select: { id: true }, where: { application, name: { equals: name, mode: 'insensitive' }, NOT: { id: exceptId } } });
  if (clash) throw new ConflictError(`Application ${application} already has a canary config named ${name}`);
}

/** The config as Kayenta answers it: the stored JSON with the row's identity and timestamps. */
export function kayentaConfigOf(record: CanaryConfigRecord): JsonObject {
  const created = new Date(record.createdAt);
  const updated = new Date(record.updatedAt);
  return {
    ...record.config,
    id: record.id,
    name: record.name,
    applications: [record.application],
    createdTimestamp: created.getTime(),
    updatedTimestamp: updated.getTime(),
    createdTimestampIso: created.toISOString(),
    updatedTimestampIso: updated.toISOString(),
  };
}

/**
 * A stored config for the canary stage (no permission check: the stage runs with the pipeline's
 * authority over its own application). `idOrName` is Kayenta's canaryConfigId, or the name Deck
 * shows (canaryConfigName); an id from another application does not resolve.
 */
export async function findCanaryConfig(application: string, idOrName: string): Promise<{ id: string; name: string; application: string; version: number; config: CanaryConfig } | undefined> {
  const byId = await findCanaryConfigById(idOrName);
  const record = byId?.application === application ? byId : await findCanaryConfigByName(application, idOrName);
  if (!record) return undefined;
  return { id: record.id, name: record.name, application: record.application, version: record.version, config: canaryConfigSchema.parse(kayentaConfigOf(record)) };
}
