import 'server-only';
import type { SessionUser } from '../../auth/principal';
import { findExecutionDto, listExecutionSummaries } from '../../db/executions';
import type { ExecutionDto, ExecutionSummary } from '../../pipeline/execution';

export const csvParam = (url: URL, name: string): string[] =>
  url.searchParams
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

/** Gate's `expand`: full executions (context, outputs, tasks) unless expand=false. */
export async function expandAll(summaries: ExecutionSummary[], expand: boolean): Promise<(ExecutionDto | ExecutionSummary)[]> {
  if (!expand) return summaries;
  const full = await Promise.all(summaries.map((s) => findExecutionDto(s.id)));
  return full.filter((e): e is ExecutionDto => e !== undefined);
}

export async function gateExecutions(_user: SessionUser, applications: string[], url: URL, options: { perPipeline: boolean; defaultLimit: number }): Promise<(ExecutionDto | ExecutionSummary)[]> {
  const limit = Number(url.searchParams.get('limit') ?? options.defaultLimit);
  const { executions } = await listExecutionSummaries({
    applications,
    pipelineIds: csvParam(url, 'pipelineConfigIds'),
    executionIds: csvParam(url, 'executionIds'),
    statuses: csvParam(url, 'statuses'),
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 500) : options.defaultLimit,
    perPipeline: options.perPipeline,
  });
  return expandAll(executions, url.searchParams.get('expand') !== 'false');
}
