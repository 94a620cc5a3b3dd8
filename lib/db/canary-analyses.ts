import 'server-only';
import { getDb } from './client';
import type { Prisma } from './generated/client.ts';

export type AnalysisStatus = 'COMPLETE' | 'FAILED';

export interface CanaryAnalysisRow {
  id: string;
  application: string;
  configId: string | null;
  configName: string;
  status: AnalysisStatus;
  request: Record<string, unknown>;
  /** The judged interval (IntervalRecord shape), re-checked by the service before use. */
  record: unknown;
  error: string | null;
  score: number | null;
  createdBy: string;
  createdAt: string;
}

const select = { id: true, application: true, configId: true, configName: true, status: true, request: true, record: true, error: true, score: true, createdBy: true, createdAt: true } as const;
type Row = Omit<CanaryAnalysisRow, 'status' | 'request' | 'createdAt'> & { status: string; request: unknown; createdAt: Date };

const toRow = (row: Row): CanaryAnalysisRow => ({
  ...row,
  status: row.status === 'COMPLETE' ? 'COMPLETE' : 'FAILED',
  request: typeof row.request === 'object' && row.request !== null && !Array.isArray(row.request) ? (row.request as Record<string, unknown>) : {},
  createdAt: row.createdAt.toISOString(),
});

export interface NewCanaryAnalysis {
  id: string;
  application: string;
  configId: string | null;
  configName: string;
  status: AnalysisStatus;
  request: Record<string, unknown>;
  record: unknown;
  error: string | null;
  score: number | null;
  createdBy: string;
}

export async function insertCanaryAnalysis(input: NewCanaryAnalysis): Promise<CanaryAnalysisRow> {
  const row = await getDb().canaryAnalysis.create({
    select,
    data: {
      ...input,
      request: input.request as Prisma.InputJsonValue,
      record: input.record === null || input.record === undefined ? undefined : (input.record as Prisma.InputJsonValue),
    },
  });
  return toRow(row);
}

export async function findCanaryAnalysis(id: string): Promise<CanaryAnalysisRow | undefined> {
  const row = await getDb().canaryAnalysis.findUnique({ select, where: { id } });
  return row ? toRow(row) : undefined;
}

/** Newest first, without the bulky record (the list shows scores only). */
export async function listCanaryAnalyses(applications: string[], limit = 200): Promise<Omit<CanaryAnalysisRow, 'record'>[]> {
  const { record: _record, ...listSelect } = select;
  const rows = await getDb().canaryAnalysis.findMany({ select: listSelect, where: { application: { in: applications } }, orderBy: { createdAt: 'desc' }, take: limit });
  return rows.map((row) => toRow({ ...row, record: null }));
}

/** One page of an application's analyses with their results, newest first (Gate's execution list). */
export async function pageCanaryAnalyses(input: { application: string; statuses: AnalysisStatus[]; skip: number; take: number }): Promise<CanaryAnalysisRow[]> {
  const rows = await getDb().canaryAnalysis.findMany({
    select,
    where: { application: input.application, status: { in: input.statuses } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    skip: input.skip,
    take: input.take,
  });
  return rows.map(toRow);
}
