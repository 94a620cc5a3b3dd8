import type { z } from 'zod';
import { formatPath } from '../errors';
import type { ValidationIssue } from './issues';
import { pipelineConfigSchema, type PipelineConfig } from './schema/pipeline';
import { validatePipeline, type ValidationContext } from './validate';
import { describeZodIssue } from '../errors-in-words';

export function toValidationIssues(error: z.core.$ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: describeZodIssue(issue), severity: 'error' }));
}

/**
 * Shape and normalisation: numbers from strings, refIds as strings, nulls dropped, a linear DAG
 * when no stage has a refId. Unknown keys and stage types are kept. Shape errors come back as
 * issues with paths, and then there is no pipeline.
 */
export function parsePipeline(input: unknown): { pipeline?: PipelineConfig; issues: ValidationIssue[] } {
  const result = pipelineConfigSchema.safeParse(input, { reportInput: true });
  return result.success ? { pipeline: result.data, issues: [] } : { issues: toValidationIssues(result.error) };
}

/** parsePipeline, then validatePipeline when the shape is right: the full report for a save or an import. */
export function checkPipeline(input: unknown, ctx?: ValidationContext): { pipeline?: PipelineConfig; issues: ValidationIssue[] } {
  const parsed = parsePipeline(input);
  return parsed.pipeline ? { pipeline: parsed.pipeline, issues: validatePipeline(parsed.pipeline, ctx) } : parsed;
}
