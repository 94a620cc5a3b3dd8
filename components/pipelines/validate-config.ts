import type { ValidationIssue } from '@/lib/pipeline/issues';
import { checkPipeline } from '@/lib/pipeline/parse';
import { checkTemplateSyntax } from '@/lib/pipeline/expressions/parse-template';

/** The same checks a save runs on the server (shape, DAG, fields by type, expression syntax), minus the lookups that need the server. */
export function validateConfig(config: unknown): ValidationIssue[] {
  return checkPipeline(config, { checkExpression: checkTemplateSyntax }).issues;
}
