import type { ExecutionSummary } from '@/lib/pipeline/execution';
import type { Grouping } from './list-filters';

export interface PipelineRef {
  id: string;
  name: string;
  application: string;
}

export interface ExecutionGroup {
  key: string;
  title: string;
  /** The pipeline, when grouped by pipeline (its header offers Start). */
  pipeline?: PipelineRef;
  executions: ExecutionSummary[];
}

const dayKey = (ms: number, timeZone: string | undefined): string => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
const dayTitle = (ms: number, timeZone: string | undefined): string => new Intl.DateTimeFormat('en', { timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(ms);

/** Newest first: execution ids are ULIDs, so they sort by creation time. */
export function newestFirst(executions: ExecutionSummary[]): ExecutionSummary[] {
  return [...executions].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * Groups loaded rows. By pipeline: known pipelines in their configured order (empty ones too, so
 * each can be started), then pipelines only the executions know (deleted, or other applications).
 * By time: one group per calendar day in the viewer's time zone (UTC on the server).
 */
export function groupExecutions(executions: ExecutionSummary[], grouping: Grouping, pipelines: PipelineRef[], timeZone?: string): ExecutionGroup[] {
  const sorted = newestFirst(executions);
  if (grouping === 'none') return [{ key: 'all', title: 'All executions', executions: sorted }];
  if (grouping === 'time') {
    const groups = new Map<string, ExecutionGroup>();
    for (const e of sorted) {
      const at = e.startTime ?? e.buildTime;
      const key = dayKey(at, timeZone);
      const group = groups.get(key) ?? { key, title: dayTitle(at, timeZone), executions: [] };
      group.executions.push(e);
      groups.set(key, group);
    }
    return [...groups.values()];
  }
  const groups = new Map<string, ExecutionGroup>(pipelines.map((p) => [`${p.application}/${p.id}`, { key: `${p.application}/${p.id}`, title: p.name, pipeline: p, executions: [] }]));
  for (const e of sorted) {
    const key = `${e.application}/${e.pipelineConfigId ?? e.name}`;
    const group = groups.get(key) ?? { key, title: e.name, pipeline: e.pipelineConfigId ? { id: e.pipelineConfigId, name: e.name, application: e.application } : undefined, executions: [] };
    group.executions.push(e);
    groups.set(key, group);
  }
  return [...groups.values()];
}
