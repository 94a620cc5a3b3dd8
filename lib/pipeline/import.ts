import { assessPipeline, importIssues } from './assess';
import type { ValidationIssue } from './issues';
import type { PipelineConfig } from './schema/pipeline';
import type { ValidationContext } from './validate';
import { isTemplateDocument } from './templates/template-document';

export interface ImportItem {
  /** Position in the imported list (0 for a single pipeline). */
  index: number;
  name?: string;
  /** Typed view (values the schema could not read left out); present unless the input is not a pipeline. */
  pipeline?: PipelineConfig;
  /** What an import stores: the pipeline as written, normalised, with the name and application it gets. */
  config?: Record<string, unknown>;
  /** A Managed Pipeline Template (v2) document rather than a pipeline: checked, but saved through the template API, not as a pipeline. */
  template?: boolean;
  /** Errors only for what cannot be a pipeline; everything Spinnaker tolerates is a warning. */
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
  /** Name for a pipeline that has none (a file pasted into Deck's "Edit as JSON" has neither): the file's name. */
  name?: string;
  context?: ValidationContext;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

interface Unpacked {
  application?: string;
  /** Whether the application came from the file (a Dinghy container) rather than the import's target. */
  fromContainer: boolean;
  pipelines: unknown[];
}

/** Splits any accepted shape into its pipelines: a list, a Dinghy `{application, pipelines}`, or one pipeline. */
function unpack(input: unknown, fallback: string | undefined): Unpacked | undefined {
  if (Array.isArray(input)) return { application: fallback, fromContainer: false, pipelines: input };
  if (!isRecord(input)) return undefined;
  if (Array.isArray(input.pipelines) && !('stages' in input)) {
    const own = nonEmpty(input.application) ? input.application : undefined;
    return { application: own ?? fallback, fromContainer: own !== undefined, pipelines: input.pipelines };
  }
  return { application: fallback, fromContainer: false, pipelines: [input] };
}

function templateMetadata(raw: Record<string, unknown>): { id: string; name?: string } {
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  return { id: nonEmpty(raw.id) ? raw.id : 'unnamed', name: nonEmpty(metadata.name) ? metadata.name : undefined };
}

interface Filled {
  input: Record<string, unknown>;
  notes: ValidationIssue[];
}

/** Name and application from the import when the pipeline lacks them, each fill said out loud. */
function fillIdentity(raw: Record<string, unknown>, index: number, unpacked: Unpacked, options: ImportOptions): Filled {
  const input = { ...raw };
  const notes: ValidationIssue[] = [];
  const application = unpacked.application;
  if (!nonEmpty(raw.application) && application !== undefined) {
    input.application = application;
    if (!unpacked.fromContainer) notes.push({ path: 'application', message: `was missing; the pipeline is imported into application "${application}"`, severity: 'warning' });
  } else if (nonEmpty(raw.application) && application !== undefined && raw.application !== application) {
    notes.push({ path: 'application', message: `belongs to application "${raw.application}", but the import is for "${application}"`, severity: 'warning' });
  }
  if (!nonEmpty(raw.name)) {
    const base = options.name ?? 'Imported pipeline';
    const name = unpacked.pipelines.length > 1 ? `${base} ${index + 1}` : base;
    input.name = name;
    notes.push({ path: 'name', message: `was missing; the pipeline is named "${name}"${options.name ? ' after the file' : ''}`, severity: 'warning' });
  }
  return { input, notes };
}

function templateNotes(raw: Record<string, unknown>): ValidationIssue[] {
  const template = isRecord(raw.template) ? raw.template : undefined;
  if (raw.type !== 'templatedPipeline' && !template) return [];
  const reference = template && nonEmpty(template.reference) ? template.reference : 'a pipeline template';
  return [
    {
      path: 'template',
      message: `this pipeline is made from the template ${reference} (Managed Pipeline Templates v2): its stages, triggers and parameters come from that template, resolved with its variables at save and again at each run; save the template in Foresail first (spin pipeline-templates save), or its runs are refused`,
      severity: 'warning',
    },
  ];
}

function importOne(raw: unknown, index: number, unpacked: Unpacked, options: ImportOptions): ImportItem {
  if (!isRecord(raw)) {
    return { index, issues: [{ path: '', message: 'is not a pipeline (a JSON object with a stages list)', severity: 'error' }] };
  }
  if (isTemplateDocument(raw)) {
    const meta = templateMetadata(raw);
    const inner = isRecord(raw.pipeline) ? raw.pipeline : {};
    const filled = fillIdentity({ ...inner, name: nonEmpty(inner.name) ? inner.name : (meta.name ?? meta.id) }, index, unpacked, options);
    const assessment = assessPipeline(filled.input, options.context);
    const note: ValidationIssue = {
      path: '',
      message: `is a pipeline template (Managed Pipeline Templates v2, id "${meta.id}"), not a pipeline: its pipeline is checked with the template's variables left as expressions; save it with spin pipeline-templates save (Gate /v2/pipelineTemplates), as a pipeline import stores only pipelines`,
      severity: 'warning',
    };
    // A template belongs to no application (nor needs a name of its own): the pipelines made from it do.
    const issues = [...filled.notes, ...importIssues(assessment)].filter((issue) => issue.path !== 'name' && issue.path !== 'application');
    return { index, name: meta.name ?? meta.id, template: true, pipeline: assessment.pipeline, config: assessment.config, issues: [note, ...issues] };
  }
  // A templated pipeline (MPT v2) takes its stages from the template; any other file needs its own.
  if (!Array.isArray(raw.stages) && templateNotes(raw).length === 0) {
    const name = nonEmpty(raw.name) ? raw.name : undefined;
    return { index, name, issues: [{ path: 'stages', message: 'has no stages list, so this is not a pipeline', severity: 'error' }] };
  }
  const filled = fillIdentity(raw, index, unpacked, options);
  const assessment = assessPipeline(filled.input, options.context);
  const name = typeof filled.input.name === 'string' ? filled.input.name : undefined;
  return { index, name, pipeline: assessment.pipeline, config: assessment.config, issues: [...filled.notes, ...templateNotes(raw), ...importIssues(assessment)] };
}

/**
 * Two pipelines of one application cannot share a name (Front50 keys them by it) or an id: the later
 * one would replace the earlier, so the import says so.
 */
function flagDuplicates(items: ImportItem[]): void {
  const names = new Map<string, number>();
  const ids = new Map<string, number>();
  for (const item of items) {
    if (item.template) continue;
    const key = item.pipeline ? `${item.pipeline.application}\u0000${item.pipeline.name}` : undefined;
    const first = key === undefined ? undefined : names.get(key);
    if (key !== undefined && first !== undefined) item.issues.push({ path: 'name', message: `pipeline ${first + 1} of this import has the same name in the same application; importing both keeps only this one`, severity: 'warning' });
    else if (key !== undefined) names.set(key, item.index);
    const id = item.pipeline?.id;
    const firstId = id === undefined ? undefined : ids.get(id);
    if (id !== undefined && firstId !== undefined) item.issues.push({ path: 'id', message: `pipeline ${firstId + 1} of this import has the same id; importing both keeps only this one`, severity: 'warning' });
    else if (id !== undefined) ids.set(id, item.index);
  }
}

/**
 * Real Spinnaker JSON in any of its exported shapes, each pipeline read as leniently as Spinnaker
 * does and validated on its own, so the import can show a per-pipeline report before anything is
 * saved. Errors only for what cannot be a pipeline; see assess.ts.
 */
export function parsePipelineImport(input: unknown, options: ImportOptions = {}): PipelineImport {
  const unpacked = unpack(input, options.application);
  if (!unpacked) {
    return {
      application: options.application,
      items: [{ index: 0, issues: [{ path: '', message: 'expected a pipeline, a list of pipelines, or {application, pipelines: [...]}', severity: 'error' }] }],
    };
  }
  const items = unpacked.pipelines.map((raw, i) => importOne(raw, i, unpacked, options));
  flagDuplicates(items);
  return { application: unpacked.application, items };
}
