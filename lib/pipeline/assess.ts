import { formatPath } from '../errors';
import { checkMetricsAccounts, checkUpstreamRead } from './checks/references';
import { findGraphIssues } from './graph';
import { collectInto, type ValidationIssue } from './issues';
import { pipelineConfigSchema, type PipelineConfig } from './schema/pipeline';
import { validatePipeline, type ValidationContext } from './validate';
import { describeZodIssue } from '../errors-in-words';

/**
 * Reading any pipeline JSON Spinnaker saved. Front50 stores whatever it is given and Orca fails a
 * stage only when it reaches what it cannot run, so only what cannot be a pipeline at all is
 * `structural` (not an object, no stages list, a stage without a type, refIds that make the graph
 * ambiguous, a cycle). Every other finding keeps its strict severity here; the caller decides:
 * an import turns errors into warnings (importIssues), a save refuses only errors the stored version
 * did not already have (saveIssues).
 */
export interface Assessment {
  /** Typed view for the checks and the editor: values the schema could not read are left out. */
  pipeline?: PipelineConfig;
  /** What to store: the parsed pipeline, with each value the schema could not read put back as written. */
  config?: Record<string, unknown>;
  /** Findings with their strict severity (structural ones included). */
  issues: ValidationIssue[];
  /**
   * Refused on every path: what makes the input not a pipeline, and what the saver may not do
   * (metrics accounts they may not use, triggers on applications they may not read).
   */
  structural: ValidationIssue[];
}

type Path = readonly PropertyKey[];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a value the schema cannot read is replaced by in the typed view, tried in turn (absent, then whatever a required field accepts). */
const PLACEHOLDERS: readonly unknown[] = [undefined, '', '${null}', [], {}];
const MAX_ROUNDS = 12;

function getAt(root: unknown, path: Path): unknown {
  let at: unknown = root;
  for (const key of path) {
    if (Array.isArray(at) && typeof key === 'number') at = at[key];
    else if (isRecord(at) && typeof key === 'string') at = at[key];
    else return undefined;
  }
  return at;
}

function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!isRecord(parent) || typeof key !== 'string') return;
  if (value === undefined) Reflect.deleteProperty(parent, key);
  else parent[key] = value;
}

const GRAPH_KEYS = new Set<PropertyKey>(['type', 'refId', 'requisiteStageRefIds']);

/** Where a shape problem means "not a pipeline": the stages list, a stage's own shape, its type or its place in the graph. */
function isStructuralPath(path: Path): boolean {
  if (path.length === 0 || path[0] !== 'stages') return false;
  return path.length <= 2 || GRAPH_KEYS.has(path[2] ?? '');
}

/** The object key to replace for a problem at `path`: the path itself, or the list that holds the bad item. */
function replaceablePath(root: unknown, path: Path): Path | undefined {
  for (let end = path.length; end > 0; end--) {
    const candidate = path.slice(0, end);
    if (typeof candidate[candidate.length - 1] === 'string' && isRecord(getAt(root, candidate.slice(0, -1))) && !isStructuralPath(candidate)) return candidate;
  }
  return undefined;
}

interface Unreadable {
  path: Path;
  value: unknown;
  message: string;
}

function structuralIssue(path: Path, message: string): ValidationIssue {
  return { path: formatPath(path), message, severity: 'error' };
}

function describeStructural(path: Path, message: string): string {
  if (path.length === 1) return message === 'is required' ? 'has no stages list, so this is not a pipeline' : `is not a list of stages (${message})`;
  if (path.length === 2) return 'is not a stage (every stage is an object with a type)';
  if (path[2] === 'type') return message === 'is required' ? 'every stage needs a type' : message;
  return message;
}

/**
 * Parses with the strict schema; each value it cannot read is replaced in a working copy (absent,
 * or a placeholder a required field accepts) and parsing is retried, so one bad field never hides
 * the rest of the pipeline. The replaced values are reported, and put back into what is stored.
 */
function readLeniently(input: Record<string, unknown>): { pipeline?: PipelineConfig; unreadable: Unreadable[]; structural: ValidationIssue[] } {
  const work: unknown = structuredClone(input);
  const attempts = new Map<string, number>();
  const unreadable = new Map<string, Unreadable>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = pipelineConfigSchema.safeParse(work, { reportInput: true });
    if (result.success) return { pipeline: result.data, unreadable: [...unreadable.values()], structural: [] };
    const touched = new Set<string>();
    for (const issue of result.error.issues) {
      const message = describeZodIssue(issue);
      if (isStructuralPath(issue.path)) return { unreadable: [], structural: [structuralIssue(issue.path, describeStructural(issue.path, message))] };
      const target = replaceablePath(work, issue.path);
      if (!target) return { unreadable: [], structural: [structuralIssue(issue.path, `cannot be read: ${message}`)] };
      const key = formatPath(target);
      if (touched.has(key)) continue;
      touched.add(key);
      if (!unreadable.has(key)) {
        const value = getAt(input, target);
        const described = value === undefined ? 'is required' : message;
        unreadable.set(key, { path: target, value, message: target.length === issue.path.length ? described : `${formatPath(issue.path.slice(target.length))} ${described}` });
      }
      const attempt = attempts.get(key) ?? 0;
      if (attempt >= PLACEHOLDERS.length) return { unreadable: [], structural: [structuralIssue(target, `cannot be read: ${message}`)] };
      attempts.set(key, attempt + 1);
      setAt(work, target, PLACEHOLDERS[attempt]);
    }
  }
  return { unreadable: [], structural: [structuralIssue([], 'cannot be read as a pipeline')] };
}

function describeFound(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value) ?? String(value);
  return ` (found ${text.length > 60 ? `${text.slice(0, 60)}…` : text})`;
}

/**
 * Graph findings that leave the pipeline without one meaning: empty or duplicate refIds, cycles, and
 * requisites no stage has (such a stage could never start, and the run would never end).
 */
function graphStructure(pipeline: PipelineConfig): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  findGraphIssues(pipeline.stages, collectInto(found));
  return found.filter((issue) => issue.severity === 'error');
}

/** Reads `input` as leniently as Spinnaker does and reports everything with its strict severity. */
export function assessPipeline(input: unknown, ctx?: ValidationContext): Assessment {
  if (!isRecord(input)) {
    const issue = structuralIssue([], 'is not a pipeline (a JSON object with a stages list)');
    return { issues: [issue], structural: [issue] };
  }
  const read = readLeniently(input);
  if (!read.pipeline) return { issues: read.structural, structural: read.structural };
  const pipeline = read.pipeline;
  const config = structuredClone(pipeline) as unknown as Record<string, unknown>;
  for (const entry of [...read.unreadable].sort((a, b) => b.path.length - a.path.length)) setAt(config, entry.path, entry.value);
  const graph = graphStructure(pipeline);
  const isStructural = (issue: ValidationIssue) => graph.some((s) => s.path === issue.path && s.message === issue.message);
  const { metricsAccounts, readableApplications, ...rest } = ctx ?? {};
  const checked = validatePipeline(pipeline, rest);
  const denied: ValidationIssue[] = [];
  if (metricsAccounts) checkMetricsAccounts(pipeline, metricsAccounts, collectInto(denied));
  if (readableApplications) checkUpstreamRead(pipeline, readableApplications, collectInto(denied));
  const structural = [...graph, ...denied.filter((issue) => issue.severity === 'error')];
  // A missing required value the checks already explain in their own words needs no second finding.
  const explained = new Set(checked.map((issue) => issue.path));
  const shapeIssues = read.unreadable
    .map((entry) => ({ path: formatPath(entry.path), value: entry.value, message: `${entry.message}${describeFound(entry.value)}`, severity: 'error' as const }))
    .filter((entry) => entry.value !== undefined || !explained.has(entry.path))
    .map(({ path, message, severity }) => ({ path, message, severity }));
  return { pipeline, config, issues: [...shapeIssues, ...checked.filter((issue) => !isStructural(issue)), ...denied, ...graph], structural };
}

/** Keeps the stage's refId in an issue's identity, so a finding survives stages being added or moved. */
function issueKey(issue: ValidationIssue, stages: readonly { refId: string }[] | undefined): string {
  const path = issue.path.replace(/^stages\[(\d+)\]/, (whole, index: string) => {
    const refId = stages?.[Number(index)]?.refId;
    return refId === undefined ? whole : `stages{${refId}}`;
  });
  return `${path}\u0000${issue.message}`;
}

/**
 * What a finding means at run time, appended when an import keeps a pipeline Foresail would not
 * let anyone save from scratch.
 */
function consequence(path: string): string {
  if (path === 'application') return 'import it from an application (or pass --application) to say where it belongs';
  if (path.startsWith('stages[')) return 'the stage fails when a run reaches it, until this is fixed';
  if (path.startsWith('triggers[')) return 'this trigger does not start the pipeline until this is fixed';
  if (path.startsWith('parameterConfig')) return 'manual runs may be refused until this is fixed';
  if (path.startsWith('expectedArtifacts')) return 'a run that needs this artifact fails to start until this is fixed';
  if (path.startsWith('notifications')) return 'this notification is not sent until this is fixed';
  return 'Foresail keeps the value as written and ignores it until it is fixed';
}

const asWarning = (issue: ValidationIssue): ValidationIssue => ({ path: issue.path, message: `${issue.message}; ${consequence(issue.path)}`, severity: 'warning' });

/** The import's view: structural findings stay errors, everything else becomes a warning saying what happens at run time. */
export function importIssues(assessment: Assessment): ValidationIssue[] {
  const structural = new Set(assessment.structural);
  return assessment.issues.map((issue) => (issue.severity === 'error' && !structural.has(issue) ? asWarning(issue) : issue));
}

/**
 * A save's view: errors the stored version already had (kept by an import) stay warnings until
 * fixed; new ones refuse the save, as do structural ones. Without a stored version all errors count.
 */
export function saveIssues(assessment: Assessment, stored?: Assessment): ValidationIssue[] {
  if (!stored?.pipeline) return assessment.issues;
  const known = new Set(stored.issues.filter((i) => i.severity === 'error').map((i) => issueKey(i, stored.pipeline?.stages)));
  const structural = new Set(assessment.structural);
  return assessment.issues.map((issue) =>
    issue.severity === 'error' && !structural.has(issue) && known.has(issueKey(issue, assessment.pipeline?.stages)) ? asWarning(issue) : issue,
  );
}
