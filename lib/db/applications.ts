import 'server-only';
import { ConflictError, NotFoundError } from '../errors';
import { applicationPermissionsSchema, type ApplicationDto, type ApplicationPermissions, type CreateApplication, type UpdateApplication } from '../pipeline/application';
import { getDb } from './client';
import type { Prisma } from './generated/client.ts';
import { isUniqueViolation } from './prisma-errors';

const select = { name: true, description: true, ownerEmail: true, permissions: true, attributes: true, createdAt: true, updatedAt: true } as const;

interface ApplicationRow {
  name: string;
  description: string;
  ownerEmail: string;
  permissions: unknown;
  attributes: unknown;
  createdAt: Date;
  updatedAt: Date;
}

function toDto(row: ApplicationRow): ApplicationDto {
  return {
    name: row.name,
    description: row.description,
    ownerEmail: row.ownerEmail,
    // JSON columns are re-validated on the way out (STYLE B3); a malformed row reads as "no permissions".
    permissions: applicationPermissionsSchema.catch({ READ: [], WRITE: [], EXECUTE: [] }).parse(row.permissions),
    attributes: typeof row.attributes === 'object' && row.attributes !== null && !Array.isArray(row.attributes) ? (row.attributes as Record<string, unknown>) : {},
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface ListApplicationsOptions {
  /** Case-insensitive match on name, description or owner email. */
  search?: string;
  take?: number;
}

export async function listApplications(options: ListApplicationsOptions = {}): Promise<ApplicationDto[]> {
  const search = options.search?.trim();
  const rows = await getDb().application.findMany({
    select,
    where: search
      ? {
          OR: [
            { name: { contains: search, mode: 'insensitive' } },
            { description: { contains: search, mode: 'insensitive' } },
            { ownerEmail: { contains: search, mode: 'insensitive' } },
          ],
        }
      : undefined,
    orderBy: { name: 'asc' },
    take: options.take ?? 500,
  });
  return rows.map(toDto);
}

export async function findApplication(name: string): Promise<ApplicationDto | undefined> {
  const row = await getDb().application.findUnique({ select, where: { name } });
  return row ? toDto(row) : undefined;
}

/**
 * The ids of the applications that have these names now. History rows (audit, trigger attempts,
 * execution events, Gate tasks) are tied to an application's id, so a later application with a
 * deleted one's name does not inherit its history.
 */
export async function applicationIdsByName(names: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return new Map();
  const rows = await getDb().application.findMany({ select: { id: true, name: true }, where: { name: { in: unique } } });
  return new Map(rows.map((row) => [row.name, row.id]));
}

export async function createApplication(input: CreateApplication & { permissions: ApplicationPermissions; attributes?: Record<string, unknown> }): Promise<ApplicationDto> {
  try {
    const row = await getDb().application.create({ select, data: { ...input, attributes: (input.attributes ?? {}) as Prisma.InputJsonValue } });
    return toDto(row);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new ConflictError(`Application ${input.name} already exists`);
    }
    throw err;
  }
}

export async function updateApplication(name: string, patch: UpdateApplication & { attributes?: Record<string, unknown> }): Promise<ApplicationDto> {
  const data = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Prisma.ApplicationUpdateManyMutationInput;
  const result = await getDb().application.updateManyAndReturn({ select, where: { name }, data });
  const row = result[0];
  if (!row) throw new NotFoundError(`Application ${name} not found`);
  return toDto(row);
}

export async function deleteApplication(name: string): Promise<void> {
  const { count } = await getDb().application.deleteMany({ where: { name } });
  if (count === 0) throw new NotFoundError(`Application ${name} not found`);
}

export async function countApplications(): Promise<number> {
  return getDb().application.count();
}
