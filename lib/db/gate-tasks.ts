import 'server-only';
import { applicationIdsByName } from './applications';
import { getDb } from './client';
import type { Prisma } from './generated/client.ts';

export interface GateTaskRecord {
  id: string;
  /** The application the task was about, while that application exists (null once it was deleted, even if the name is taken again). */
  application: string | null;
  description: string;
  status: string;
  steps: unknown;
  createdBy: string;
  createdAt: string;
  endedAt: string | null;
}

export async function insertGateTask(task: { id: string; application: string | null; description: string; status: string; steps: unknown[]; createdBy: string }): Promise<void> {
  const applicationId = task.application ? ((await applicationIdsByName([task.application])).get(task.application) ?? null) : null;
  await getDb().gateTask.create({ data: { ...task, applicationId, steps: task.steps as Prisma.InputJsonValue, endedAt: new Date() } });
}

export async function findGateTask(id: string): Promise<GateTaskRecord | undefined> {
  const row = await getDb().gateTask.findUnique({ where: { id } });
  if (!row) return undefined;
  const { applicationId, ...task } = row;
  const current = task.application && applicationId ? (await applicationIdsByName([task.application])).get(task.application) : undefined;
  return { ...task, application: current !== undefined && current === applicationId ? task.application : null, createdAt: task.createdAt.toISOString(), endedAt: task.endedAt?.toISOString() ?? null };
}
