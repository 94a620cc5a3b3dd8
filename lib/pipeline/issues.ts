import { z } from 'zod';
import { formatPath } from '../errors';

export const severitySchema = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof severitySchema>;

/** One finding about a pipeline: where (`stages[3].requisiteStageRefIds[0]`), what, and how bad. */
export const validationIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  severity: severitySchema,
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

export type IssuePath = readonly PropertyKey[];
/** Checks report through this; the caller decides where the path is rooted. */
export type Report = (path: IssuePath, message: string, severity?: Severity) => void;

/** A report function that collects into `into`, with every path prefixed by `prefix`. */
export function collectInto(into: ValidationIssue[], prefix: IssuePath = []): Report {
  return (path, message, severity = 'error') => {
    into.push({ path: formatPath([...prefix, ...path]), message, severity });
  };
}

export function scopeReport(report: Report, prefix: IssuePath): Report {
  return (path, message, severity) => report([...prefix, ...path], message, severity);
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}
