import type { PipelineRecord } from '../db/pipelines';
import type { PipelineSummaryDto } from '../pipeline/api-schemas';

export function summaryOf(record: PipelineRecord): PipelineSummaryDto {
  const stages = Array.isArray(record.config.stages) ? record.config.stages : [];
  const triggers = Array.isArray(record.config.triggers) ? record.config.triggers : [];
  const types = triggers.flatMap((t: unknown) => (typeof t === 'object' && t !== null && typeof (t as { type?: unknown }).type === 'string' ? [(t as { type: string }).type] : []));
  return {
    id: record.id,
    name: record.name,
    index: record.sortIndex,
    disabled: record.disabled,
    locked: record.locked,
    version: record.version,
    stageCount: stages.length,
    triggerTypes: [...new Set(types)],
    updatedBy: record.updatedBy,
    updatedAt: record.updatedAt,
  };
}
