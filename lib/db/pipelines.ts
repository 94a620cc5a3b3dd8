import 'server-only';
import { ConflictError, NotFoundError } from '../errors';
import { getDb } from './client';
import { Prisma } from './generated/client.ts';
import { isUniqueViolation } from './prisma-errors';

export type JsonObject = Record<string, unknown>;

export interface PipelineRecord {
  id: string;
  application: string;
  name: string;
  config: JsonObject;
  version: number;
  disabled: boolean;
  locked: boolean;
  sortIndex: number;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PipelineSummary {
  id: string;
  application: string;
  name: string;
  disabled: boolean;
  locked: boolean;
  updatedAt: string;
}

export interface RevisionSummary {
  version: number;
  action: string;
  createdAt: string;
  createdBy: string | null;
}

const select = { id: true, application: true, name: true, config: true, version: true, disabled: true, locked: true, sortIndex: true, updatedBy: true, createdAt: true, updatedAt: true } as const;

type Row = Omit<PipelineRecord, 'config' | 'createdAt' | 'updatedAt'> & { config: unknown; createdAt: Date; updatedAt: Date };
const toRecord = (row: Row): PipelineRecord => ({
  ...row,
  config: typeof row.config === 'object' && row.config !== null && !Array.isArray(row.config) ? (row.config as JsonObject) : {},
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const json = (value: JsonObject) => value as Prisma.InputJsonValue;

export async function listPipelines(application: string): Promise<PipelineRecord[]> {
  const rows = await getDb().pipeline.findMany({ select, where: { application }, orderBy: [{ sortIndex: 'asc' }, { name: 'asc' }] });
  return rows.map(toRecord);
}

/** Pipelines across applications (names only), for the Pipelines page. */
export async function listPipelineSummaries(options: { take?: number } = {}): Promise<PipelineSummary[]> {
  const rows = await getDb().pipeline.findMany({
    select: { id: true, application: true, name: true, disabled: true, locked: true, updatedAt: true },
    orderBy: [{ application: 'asc' }, { sortIndex: 'asc' }, { name: 'asc' }],
    take: options.take ?? 500,
  });
  return rows.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() }));
}

/** Pipelines the GitOps sync of `account` keeps (config.managedBy.account), for pruning after missed deletes. */
export async function listManagedPipelines(account: string): Promise<PipelineRecord[]> {
  const rows = await getDb().pipeline.findMany({ select, where: { config: { path: ['managedBy', 'account'], equals: account } }, take: 10_000 });
  return rows.map(toRecord);
}

export async function findPipeline(id: string): Promise<PipelineRecord | undefined> {
  const row = await getDb().pipeline.findUnique({ select, where: { id } });
  return row ? toRecord(row) : undefined;
}

/** Spinnaker matches pipeline names case-insensitively within an application. */
export async function findPipelineByName(application: string, name: string): Promise<PipelineRecord | undefined> {
  const row = await getDb().pipeline.findFirst({ select, where: { application, name: { equals: name, mode: 'insensitive' } } });
  return row ? toRecord(row) : undefined;
}

export interface NewPipeline {
  id: string;
  application: string;
  name: string;
  config: JsonObject;
  disabled: boolean;
  locked: boolean;
  by: string;
  action: string;
}

export async function insertPipeline(input: NewPipeline): Promise<PipelineRecord> {
  try {
    return await getDb().$transaction(async (tx) => {
      await assertNameFree(tx, input.application, input.name, input.id);
      const last = await tx.pipeline.aggregate({ where: { application: input.application }, _max: { sortIndex: true } });
      const row = await tx.pipeline.create({
        select,
        data: {
          id: input.id,
          application: input.application,
          name: input.name,
          config: json(input.config),
          disabled: input.disabled,
          locked: input.locked,
          sortIndex: (last._max.sortIndex ?? -1) + 1,
          updatedBy: input.by,
        },
      });
      await tx.pipelineRevision.create({ data: { pipelineId: row.id, version: 1, config: json(input.config), action: input.action, createdBy: input.by } });
      return toRecord(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`A pipeline with id ${input.id} already exists`);
    throw err;
  }
}

export interface PipelineChange {
  name: string;
  config: JsonObject;
  disabled: boolean;
  locked: boolean;
  by: string;
  action: string;
}

/**
 * Saves a new version if the stored version is still `expectedVersion` (optimistic locking): a
 * concurrent save makes this one fail with 409 naming who saved, instead of silently overwriting.
 */
export async function updatePipeline(id: string, expectedVersion: number, change: PipelineChange): Promise<PipelineRecord> {
  return getDb().$transaction(async (tx) => {
    const current = await tx.pipeline.findUnique({ select: { application: true, version: true, updatedBy: true, updatedAt: true }, where: { id } });
    if (!current) throw new NotFoundError(`Pipeline ${id} not found`);
    if (current.version !== expectedVersion) {
      throw new ConflictError(`The pipeline changed since you loaded it: version ${current.version} was saved by ${current.updatedBy ?? 'someone'} at ${current.updatedAt.toISOString()}. Reload it and apply your changes again.`);
    }
    await assertNameFree(tx, current.application, change.name, id);
    const next = expectedVersion + 1;
    const [row] = await tx.pipeline.updateManyAndReturn({
      select,
      where: { id, version: expectedVersion },
      data: { name: change.name, config: json(change.config), disabled: change.disabled, locked: change.locked, version: next, updatedBy: change.by },
    });
    if (!row) throw new ConflictError('The pipeline was saved by someone else at the same moment; reload it and try again');
    await tx.pipelineRevision.create({ data: { pipelineId: id, version: next, config: json(change.config), action: change.action, createdBy: change.by } });
    return toRecord(row);
  });
}

async function assertNameFree(tx: Prisma.TransactionClient, application: string, name: string, exceptId: string): Promise<void> {
  const clash = await tx.pipeline.findFirst({ select: { id: true }, where: { application, name: { equals: name, mode: 'insensitive' }, NOT: { id: exceptId } } });
  if (clash) throw new ConflictError(`Application ${application} already has a pipeline named ${name}`);
}

export async function deletePipeline(id: string): Promise<void> {
  const { count } = await getDb().pipeline.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError(`Pipeline ${id} not found`);
}

/** Sets the display order; ids not listed keep their relative order after the listed ones. */
export async function reorderPipelines(application: string, ids: string[]): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const rows = await tx.pipeline.findMany({ select: { id: true }, where: { application }, orderBy: [{ sortIndex: 'asc' }, { name: 'asc' }] });
    const known = new Set(rows.map((r) => r.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new NotFoundError(`Pipeline ${unknown[0] ?? ''} not found in ${application}`);
    const order = [...ids, ...rows.map((r) => r.id).filter((id) => !ids.includes(id))];
    for (const [index, id] of order.entries()) await tx.pipeline.update({ where: { id }, data: { sortIndex: index } });
  });
}

export async function listRevisions(pipelineId: string): Promise<RevisionSummary[]> {
  const rows = await getDb().pipelineRevision.findMany({ select: { version: true, action: true, createdAt: true, createdBy: true }, where: { pipelineId }, orderBy: { version: 'desc' }, take: 200 });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

export async function findRevision(pipelineId: string, version: number): Promise<(RevisionSummary & { config: JsonObject }) | undefined> {
  const row = await getDb().pipelineRevision.findUnique({ where: { pipelineId_version: { pipelineId, version } }, select: { version: true, action: true, createdAt: true, createdBy: true, config: true } });
  if (!row) return undefined;
  return { ...row, createdAt: row.createdAt.toISOString(), config: (row.config ?? {}) as JsonObject };
}
