import 'server-only';
import type { Principal } from '../auth/permissions';
import { findTemplateVersion, type JsonObject } from '../db/pipeline-templates';
import { ValidationError } from '../errors';
import type { ValidationIssue } from '../pipeline/issues';
import { isTemplatedPipeline, resolveTemplatedPipeline, templateReferenceOf, type Resolution, type TemplatedPipelineView } from '../pipeline/templates/resolve';
import { templateDocumentSchema } from '../pipeline/templates/template-document';
import { applicationsByName, mayRead } from './template-access';

/**
 * The template a templated pipeline names, resolved for `user` (who must be able to read the
 * template): the runnable pipeline and its source, or issues naming each field. A reference to a
 * template Foresail does not have is one issue at `template.reference`.
 */
export async function resolveTemplatedPipelineFor(user: Principal, config: JsonObject): Promise<Resolution> {
  const named = templateReferenceOf(config);
  if ('issue' in named) return { issues: [named.issue] };
  const { ref } = named;
  const record = await findTemplateVersion(ref.id, { tag: ref.tag, digest: ref.digest });
  if (!record || !mayRead(user, record.scopes, await applicationsByName())) {
    const which = ref.digest ? ` with digest ${ref.digest}` : ref.tag ? ` tagged ${ref.tag}` : '';
    return { issues: [{ path: 'template.reference', message: `names pipeline template ${ref.id}${which}, which Foresail does not have (or you may not see); save it first (spin pipeline-templates save)`, severity: 'error' }] };
  }
  const document = templateDocumentSchema.safeParse(record.document);
  if (!document.success) return { issues: [{ path: 'template.reference', message: `pipeline template ${ref.id} is stored in a shape Foresail cannot read; save it again`, severity: 'error' }] };
  return resolveTemplatedPipeline(config, { document: document.data, digest: record.digest, tag: ref.tag });
}

export function invalidTemplateUse(errors: ValidationIssue[]): ValidationError {
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new ValidationError(first ? `${first.path}: ${first.message}${more}` : 'The templated pipeline cannot be resolved', errors.map(({ path, message }) => ({ path, message })));
}

/** For the editor: a templated pipeline's template and resolved stages as saved (undefined for any other pipeline). */
export async function templatedViewFor(user: Principal, config: JsonObject): Promise<TemplatedPipelineView | undefined> {
  if (!isTemplatedPipeline(config)) return undefined;
  const template = config.template as { reference?: unknown } | undefined;
  const reference = typeof template?.reference === 'string' ? template.reference : '(no reference)';
  const resolution = await resolveTemplatedPipelineFor(user, config);
  const stages = Array.isArray(resolution.pipeline?.stages) ? resolution.pipeline.stages : undefined;
  return { reference, source: resolution.source, stages, issues: resolution.issues };
}
