import type { IssuePath, Report } from '../issues';

export function isFilled(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** Reports `message` at `path` when a required text field is missing or blank; returns whether it is filled. */
export function requireText(report: Report, path: IssuePath, value: string | undefined, message = 'is required'): boolean {
  if (isFilled(value)) return true;
  report(path, message);
  return false;
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number';
}
