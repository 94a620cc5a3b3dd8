import { formatPath } from '@/lib/errors';
import type { ValidationIssue } from '@/lib/pipeline/issues';

export type PathSegment = string | number;

/** `stages[3].requisiteStageRefIds[0]` → ['stages', 3, 'requisiteStageRefIds', 0] (the inverse of formatPath). */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const match of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    if (match[1] !== undefined) out.push(Number(match[1]));
    else if (match[2] !== undefined) out.push(match[2]);
  }
  return out;
}

export const joinPath = (segments: readonly PathSegment[]): string => formatPath(segments);

/** True when `path` is `prefix` or lies inside it (`stages[1]` contains `stages[1].name`, not `stages[10]`). */
export function isWithin(path: string, prefix: string): boolean {
  if (prefix === '') return true;
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** Which stage an issue is about, if any. */
export function stageIndexOf(path: string): number | undefined {
  const match = /^stages\[(\d+)\]/.exec(path);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export interface IssueIndex {
  all: readonly ValidationIssue[];
  errors: number;
  warnings: number;
  byStage: ReadonlyMap<number, readonly ValidationIssue[]>;
  /** Issues at `path` or inside it, errors first. */
  at(path: string): ValidationIssue[];
}

const bySeverity = (a: ValidationIssue, b: ValidationIssue) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1);

export function indexIssues(issues: readonly ValidationIssue[]): IssueIndex {
  const byStage = new Map<number, ValidationIssue[]>();
  const other: ValidationIssue[] = [];
  let errors = 0;
  for (const issue of issues) {
    if (issue.severity === 'error') errors++;
    const stage = stageIndexOf(issue.path);
    if (stage === undefined) other.push(issue);
    else byStage.set(stage, [...(byStage.get(stage) ?? []), issue]);
  }
  return {
    all: issues,
    errors,
    warnings: issues.length - errors,
    byStage,
    at(path) {
      const stage = stageIndexOf(path);
      const pool = stage === undefined ? (path === '' ? issues : other) : (byStage.get(stage) ?? []);
      return pool.filter((issue) => isWithin(issue.path, path)).sort(bySeverity);
    },
  };
}

export const emptyIssues = indexIssues([]);
