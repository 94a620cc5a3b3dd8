import 'server-only';
import { readTemplateForRun } from '../db/engine/pipeline-templates';
import type { Tx } from '../db/pool';
import type { ValidationIssue } from '../pipeline/issues';
import { resolveTemplatedPipeline, templateReferenceOf } from '../pipeline/templates/resolve';
import { templateDocumentSchema } from '../pipeline/templates/template-document';

export type RunResolution = { ok: true; config: Record<string, unknown> } | { ok: false; reason: string; issues: { path: string; message: string }[] };

const refusal = (issues: ValidationIssue[]): RunResolution => {
  const errors = issues.filter((i) => i.severity === 'error').map(({ path, message }) => ({ path, message }));
  return { ok: false, reason: `The run was refused: its pipeline template could not be resolved: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, issues: errors };
};

/**
 * A templated pipeline runs what its template says now: the version its reference names (the latest
 * save, a pinned tag, or a digest) is read in the run's transaction and resolved with the pipeline's
 * variables. The execution keeps the resolved config, so a later template save never changes it.
 */
export async function resolveTemplateForRun(tx: Tx, config: Record<string, unknown>): Promise<RunResolution> {
  const named = templateReferenceOf(config);
  if ('issue' in named) return refusal([named.issue]);
  const { ref } = named;
  const stored = await readTemplateForRun(tx, ref.id, { tag: ref.tag, digest: ref.digest });
  if (!stored) return refusal([{ path: 'template.reference', message: `names pipeline template ${ref.id}${ref.tag ? `:${ref.tag}` : ''}, which Foresail does not have`, severity: 'error' }]);
  const document = templateDocumentSchema.safeParse(stored.document);
  if (!document.success) return refusal([{ path: 'template.reference', message: `pipeline template ${ref.id} is stored in a shape Foresail cannot read`, severity: 'error' }]);
  const resolution = resolveTemplatedPipeline(config, { document: document.data, digest: stored.digest, tag: ref.tag });
  if (!resolution.pipeline) return refusal(resolution.issues);
  return { ok: true, config: resolution.pipeline };
}
