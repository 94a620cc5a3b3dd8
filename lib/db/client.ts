import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { getConfig } from '../env';
import { PrismaClient } from './generated/client.ts';

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { foresailDb?: { url: string; client: PrismaClient } };

/** The process's Prisma client (one pool per process; Next bundles routes separately, hence globalThis). */
export function getDb(): PrismaClient {
  const { url, poolSize } = getConfig().database;
  if (!url) throw new Error('DATABASE_URL is not set: start Foresail with `npm start` (it provides the embedded database) or set DATABASE_URL');
  const existing = globalForDb.foresailDb;
  if (existing && existing.url === url) return existing.client;
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
  globalForDb.foresailDb = { url, client };
  return client;
}

export async function disconnectDb(): Promise<void> {
  const existing = globalForDb.foresailDb;
  globalForDb.foresailDb = undefined;
  await existing?.client.$disconnect();
}
