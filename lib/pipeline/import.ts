import type { ValidationIssue } from './issues';
import { checkPipeline } from './parse';
import type { PipelineConfig } from './schema/pipeline';
import type { ValidationContext } from './validate';

export interface ImportItem {
  /** Position in the imported list (0 for a single pipeline). */
  index: number;
  name?: string;
  /** Present when the shape is right (errors may remain in issues; check before saving). */
  pipeline?: PipelineConfig;
  issues: ValidationIssue[];
}

export interface PipelineImport {
  /** The container's application, or the one the import was made for. */
  application?: string;
  items: ImportItem[];
}

export interface ImportOptions {
  /** Application to fill into pipelines that name none (a Dinghy container's own wins). */
  application?: string;
  context?: ValidationContext;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Splits any accepted shape into its pipelines: a list, a Dinghy `{application, pipelines}`, or one pipeline. */
function unpack(input: unknown, fallback: string | undefined): { application?: string; pipelines: unknown[] } | undefined {
  if (Array.isArray(input)) return { application: fallback, pipelines: input };
  if (!isRecord(input)) return undefined;
  if (Array.isArray(input.pipelines) && !('stages' in input)) {
    return { application: nonEmpty(input.application) ? input.application : fallback, pipelines: input.pipelines };
  }
  return { application: fallback, pipelines: [input] };
}

function importOne(raw: unknown, index: number, application: string | undefined, ctx: ValidationContext | undefined): ImportItem {
  const extra: ValidationIssue[] = [];
  let input = raw;
  if (isRecord(raw) && application !== undefined) {
    if (!nonEmpty(raw.application)) input = { ...raw, application };
    else if (raw.application !== application) {
      extra.push({ path: 'application', message: `belongs to application "${raw.application}", but the import is for "${application}"`, severity: 'warning' });
    }
  }
  const { pipeline, issues } = checkPipeline(input, ctx);
  const name = isRecord(raw) && typeof raw.name === 'string' ? raw.name : undefined;
  return { index, name, pipeline, issues: [...extra, ...issues] };
}

/** Two pipelines of one application cannot share a name (Spinnaker keys them by it) or an id. */
function flagDuplicates(items: ImportItem[]): void {
  const names = new Map<string, number>();
  const ids = new Map<string, number>();
  for (const item of items) {
    const key = item.pipeline ? `${item.pipeline.application}\u0000${item.pipeline.name}` : undefined;
    const first = key === undefined ? undefined : names.get(key);
    if (key !== undefined && first !== undefined) item.issues.push({ path: 'name', message: `pipeline ${first + 1} of this import has the same name`, severity: 'error' });
    else if (key !== undefined) names.set(key, item.index);
    const id = item.pipeline?.id;
    const firstId = id === undefined ? undefined : ids.get(id);
    if (id !== undefined && firstId !== undefined) item.issues.push({ path: 'id', message: `pipeline ${firstId + 1} of this import has the same id`, severity: 'error' });
    else if (id !== undefined) ids.set(id, item.index);
  }
}

/**
 * Real Spinnaker JSON in any of its exported shapes, each pipeline parsed and validated on its own
 * so the import can show a per-pipeline report before anything is saved.
 */
export function parsePipelineImport(input: unknown, options: ImportOptions = {}): PipelineImport {
  const unpacked = unpack(input, options.application);
  if (!unpacked) {
    return {
      application: options.application,
      items: [{ index: 0, issues: [{ path: '', message: 'expected a pipeline, a list of pipelines, or {application, pipelines: [...]}', severity: 'error' }] }],
    };
  }
  const items = unpacked.pipelines.map((raw, i) => importOne(raw, i, unpacked.application, options.context));
  flagDuplicates(items);
  return { application: unpacked.application, items };
}
