import type { ValidationIssue } from '@/lib/pipeline/issues';
import { assessPipeline, saveIssues, type Assessment } from '@/lib/pipeline/assess';
import { checkPipeline } from '@/lib/pipeline/parse';
import { checkTemplateSyntax } from '@/lib/pipeline/expressions/parse-template';

const context = { checkExpression: checkTemplateSyntax };
let storedCache: { key: string; assessment: Assessment } | undefined;

/** The stored version's findings, kept while it stays the same (it is the baseline of every keystroke). */
function assessStored(stored: unknown): Assessment {
  const key = JSON.stringify(stored);
  if (storedCache?.key !== key) storedCache = { key, assessment: assessPipeline(stored, context) };
  return storedCache.assessment;
}

/**
 * The same checks a save runs on the server (shape, DAG, fields by type, expression syntax), minus the
 * lookups that need the server. With the stored version (`stored`), errors it already had (kept by an
 * import) are warnings until fixed, as the server's save treats them; new errors still block Save.
 */
export function validateConfig(config: unknown, stored?: unknown): ValidationIssue[] {
  if (stored === undefined) return checkPipeline(config, context).issues;
  return saveIssues(assessPipeline(config, context), assessStored(stored));
}
