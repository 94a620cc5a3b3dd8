import 'server-only';
import { getDb } from './client';

export interface ExecutionSummary {
  id: string;
  application: string;
  pipelineName: string;
  status: string;
  startTime: string | null;
  endTime: string | null;
}

export async function listRecentExecutions(options: { take?: number } = {}): Promise<ExecutionSummary[]> {
  const rows = await getDb().execution.findMany({
    select: { id: true, application: true, pipelineName: true, status: true, startTime: true, endTime: true },
    orderBy: { createdAt: 'desc' },
    take: options.take ?? 50,
  });
  return rows.map((row) => ({ ...row, startTime: row.startTime?.toISOString() ?? null, endTime: row.endTime?.toISOString() ?? null }));
}
