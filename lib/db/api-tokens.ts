import 'server-only';
import { TOKEN_USE_RECORD_MS } from '../auth/token-format';
import { NotFoundError } from '../errors';
import { getDb } from './client';

export interface ApiTokenDto {
  id: string;
  name: string;
  owner: string;
  roles: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokenRecord extends ApiTokenDto {
  secretHash: string;
}

const select = { id: true, name: true, owner: true, roles: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true } as const;

type Row = { id: string; name: string; owner: string; roles: string[]; createdAt: Date; expiresAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };
const toDto = (row: Row): ApiTokenDto => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export async function insertApiToken(input: { id: string; name: string; owner: string; roles: string[]; secretHash: string; expiresAt: Date }): Promise<ApiTokenDto> {
  return toDto(await getDb().apiToken.create({ select, data: input }));
}

/** Tokens of one owner, or of everyone (admins) when owner is undefined; newest first. */
export async function listApiTokens(owner: string | undefined): Promise<ApiTokenDto[]> {
  const rows = await getDb().apiToken.findMany({ select, where: owner ? { owner } : undefined, orderBy: { createdAt: 'desc' }, take: 500 });
  return rows.map(toDto);
}

export async function findApiToken(id: string): Promise<ApiTokenRecord | undefined> {
  const row = await getDb().apiToken.findUnique({ select: { ...select, secretHash: true }, where: { id } });
  return row ? { ...toDto(row), secretHash: row.secretHash } : undefined;
}

export async function revokeApiToken(id: string, revokedBy: string): Promise<ApiTokenDto> {
  const [row] = await getDb().apiToken.updateManyAndReturn({ select, where: { id, revokedAt: null }, data: { revokedAt: new Date(), revokedBy } });
  if (row) return toDto(row);
  const existing = await getDb().apiToken.findUnique({ select, where: { id } });
  if (!existing) throw new NotFoundError(`Token ${id} not found`);
  return toDto(existing); // already revoked: revoking again is a no-op
}

/**
 * Records a use at most once a minute per token (the caller asks only when the row it read was stale;
 * the guard here settles concurrent requests).
 */
export async function touchApiToken(id: string): Promise<void> {
  await getDb().apiToken.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(Date.now() - TOKEN_USE_RECORD_MS) } }] }, data: { lastUsedAt: new Date() } });
}
