import 'server-only';
import { getDb } from './client';

/** "Sign out everywhere": every session of this login issued before now stops working. */
export async function revokeSessions(login: string, at = new Date()): Promise<void> {
  await getDb().sessionRevocation.upsert({ where: { login }, create: { login, revokedBefore: at }, update: { revokedBefore: at } });
}

export async function sessionsRevokedBefore(login: string): Promise<Date | undefined> {
  const row = await getDb().sessionRevocation.findUnique({ where: { login }, select: { revokedBefore: true } });
  return row?.revokedBefore;
}
