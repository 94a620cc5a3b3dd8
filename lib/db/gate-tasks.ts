import 'server-only';
import { getDb } from './client';
import type { Prisma } from './generated/client.ts';

export interface GateTaskRecord {
  id: string;
  application: string | null;
  description: string;
  status: string;
  steps: unknown;
  createdBy: string;
  createdAt: string;
  endedAt: string | null;
}

export async function insertGateTask(task: { id: string; application: string | null; description: string; status: string; steps: unknown[]; createdBy: string }): Promise<void> {
  await getDb().gateTask.create({ data: { ...task, steps: task.steps as Prisma.InputJsonValue, endedAt: new Date() } });
}

export async function findGateTask(id: string): Promise<GateTaskRecord | undefined> {
  const row = await getDb().gateTask.findUnique({ where: { id } });
  return row ? { ...row, createdAt: row.createdAt.toISOString(), endedAt: row.endedAt?.toISOString() ?? null } : undefined;
}
