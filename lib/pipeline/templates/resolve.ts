import type { ValidationIssue } from '../issues';
import { formatTemplateReference, parseTemplateReference, TEMPLATE_ARTIFACT_TYPE, type TemplateReference } from './reference';
import { excludeStages, mergeConfigStages, templateStages } from './stages';
import type { TemplateDocument } from './template-document';
import { assignTemplateVariables, renderTemplateVariables } from './variables';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => list(value).filter((v): v is string => typeof v === 'string');

/** One stored version of a template, as resolution needs it. */
export interface TemplateVersion {
  document: TemplateDocument;
  digest: string;
  /** The tag the reference named, when it named one. */
  tag?: string;
}

/** Where a resolved pipeline came from: shown in the editor and kept on each execution. */
export interface TemplateSource {
  id: string;
  reference: string;
  digest: string;
  tag?: string;
  name?: string;
  variables: Record<string, unknown>;
}

/** A templated pipeline (MPT v2 `schema: "v2"` with a `template`, or Deck's `type: "templatedPipeline"`). */
export function isTemplatedPipeline(config: unknown): config is Record<string, unknown> {
  return isRecord(config) && (config.type === 'templatedPipeline' || (String(config.schema) === 'v2' && isRecord(config.template)));
}

/** The stored template a templated pipeline names, or the plain-words reason it names none Foresail has. */
export function templateReferenceOf(config: Record<string, unknown>): { ref: TemplateReference } | { issue: ValidationIssue } {
  const template = isRecord(config.template) ? config.template : undefined;
  const reference = typeof template?.reference === 'string' ? template.reference.trim() : '';
  if (!template || reference === '') return { issue: { path: 'template.reference', message: 'is missing: a templated pipeline names its template as spinnaker://<template id>[:<tag>]', severity: 'error' } };
  if (template.type !== undefined && template.type !== TEMPLATE_ARTIFACT_TYPE) {
    return { issue: { path: 'template.type', message: `is "${String(template.type)}", but Foresail resolves only templates saved in Foresail (type ${TEMPLATE_ARTIFACT_TYPE})`, severity: 'error' } };
  }
  const ref = parseTemplateReference(reference);
  if (!ref) return { issue: { path: 'template.reference', message: `"${reference}" is not a template reference: write spinnaker://<template id>, spinnaker://<id>:<tag> or spinnaker://<id>@sha256:<digest>`, severity: 'error' } };
  return { ref };
}

// Pipeline-level collections a templated pipeline inherits from its template unless `exclude` names them.
const collections = [
  { key: 'triggers', names: ['triggers'] },
  { key: 'parameterConfig', names: ['parameters', 'parameterConfig'], own: 'parameters' },
  { key: 'notifications', names: ['notifications'] },
  { key: 'expectedArtifacts', names: ['expectedArtifacts'] },
] as const;

function mergeCollection(inherited: unknown[], own: unknown[], key: string): unknown[] {
  const marked = inherited.map((item) => (isRecord(item) ? { ...item, inherited: true } : item));
  if (key !== 'parameterConfig') return [...marked, ...own];
  // A parameter of the pipeline replaces the template's parameter of the same name.
  const ownNames = new Set(own.filter(isRecord).map((p) => p.name));
  return [...marked.filter((p) => !(isRecord(p) && ownNames.has(p.name))), ...own];
}

// Keys of the template's pipeline that describe its own save, not the pipelines made from it.
const templateOnlyKeys = ['lastModifiedBy', 'updateTs', 'id', 'application', 'name', 'index'];

export interface Resolution {
  /** The runnable pipeline; absent when an error makes one impossible. */
  pipeline?: Record<string, unknown>;
  source?: TemplateSource;
  issues: ValidationIssue[];
}

/**
 * Orca's V2SchemaExecutionGenerator, done by Foresail at save (to check) and at each run (to run):
 * the template's pipeline with the variables assigned (defaults, types) and rendered, the pipeline's
 * identity, inherited triggers / parameters / notifications / expected artifacts unless `exclude`
 * names them (or `inherit` leaves them out), excluded stage refIds dropped, and the pipeline's own
 * stages replacing or injected into the template's.
 */
export function resolveTemplatedPipeline(config: Record<string, unknown>, version: TemplateVersion): Resolution {
  const issues: ValidationIssue[] = [];
  const { document } = version;
  const given = isRecord(config.variables) ? config.variables : {};
  const assigned = assignTemplateVariables(document.variables ?? [], given, document.id);
  issues.push(...assigned.issues);

  const exclude = new Set(strings(config.exclude));
  const inherit = Array.isArray(config.inherit) ? new Set(strings(config.inherit)) : undefined;
  const rendered = renderTemplateVariables(document.pipeline, assigned.values) as Record<string, unknown>;
  let stages = templateStages(rendered.stages);
  const stageIds = new Set(stages.map((s) => s.refId));
  const excludedStages = new Set([...exclude].filter((e) => stageIds.has(e)));
  const ownStages = list(config.stages);
  if (document.protect === true && (excludedStages.size > 0 || ownStages.length > 0)) {
    issues.push({ path: excludedStages.size > 0 ? 'exclude' : 'stages', message: `template ${document.id} is protected: pipelines made from it cannot exclude, replace or add stages`, severity: 'error' });
  }
  stages = excludeStages(stages, excludedStages);
  stages = mergeConfigStages(stages, renderTemplateVariables(ownStages, assigned.values), (issue) => issues.push(issue));

  for (const name of exclude) {
    const known = stageIds.has(name) || collections.some((c) => (c.names as readonly string[]).includes(name));
    if (!known) issues.push({ path: 'exclude', message: `"${name}" is neither a stage refId of template ${document.id} nor one of triggers, parameters, notifications, expectedArtifacts`, severity: 'warning' });
  }
  if (issues.some((i) => i.severity === 'error')) return { issues };

  const pipeline: Record<string, unknown> = Object.fromEntries(Object.entries(rendered).filter(([key]) => !templateOnlyKeys.includes(key)));
  for (const c of collections) {
    const inherited = !c.names.some((n) => exclude.has(n)) && (inherit === undefined || c.names.some((n) => inherit.has(n)));
    const own = list(config['own' in c ? c.own : c.key] ?? config[c.key]);
    pipeline[c.key] = mergeCollection(inherited ? list(rendered[c.key]) : [], own, c.key);
  }
  const reference = formatTemplateReference({ id: document.id, tag: version.tag });
  const source: TemplateSource = { id: document.id, reference, digest: version.digest, tag: version.tag, name: document.metadata?.name, variables: assigned.values };
  const passThrough = ['id', 'application', 'name', 'disabled', 'locked', 'index', 'schema', 'type', 'template', 'variables', 'exclude', 'inherit'];
  for (const key of passThrough) if (config[key] !== undefined) pipeline[key] = config[key];
  if (typeof config.description === 'string' && config.description !== '') pipeline.description = config.description;
  for (const key of ['limitConcurrent', 'keepWaitingPipelines', 'maxConcurrentExecutions']) if (pipeline[key] === undefined && config[key] !== undefined) pipeline[key] = config[key];
  pipeline.stages = stages;
  pipeline.templateVariables = assigned.values;
  pipeline.templateSource = source;
  return { pipeline, source, issues };
}

/** What the editor shows of a templated pipeline: where it comes from and what it runs, as saved. */
export interface TemplatedPipelineView {
  reference: string;
  source?: TemplateSource;
  /** The resolved stages (absent when the template cannot be resolved). */
  stages?: unknown[];
  issues: ValidationIssue[];
}
