import 'server-only';
import { getDb } from './client';

export interface PipelineSummary {
  id: string;
  application: string;
  name: string;
  disabled: boolean;
  locked: boolean;
  updatedAt: string;
}

export async function listPipelineSummaries(options: { take?: number } = {}): Promise<PipelineSummary[]> {
  const rows = await getDb().pipeline.findMany({
    select: { id: true, application: true, name: true, disabled: true, locked: true, updatedAt: true },
    orderBy: [{ application: 'asc' }, { sortIndex: 'asc' }, { name: 'asc' }],
    take: options.take ?? 200,
  });
  return rows.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() }));
}
