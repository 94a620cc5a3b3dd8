import type { IssuePath, Report } from '../../issues';

/** Route weights must add up to 100 (checked only once every weight is a plain number). */
export function checkWeightsTotal(report: Report, path: IssuePath, weights: readonly unknown[]): void {
  if (!weights.every((w): w is number => typeof w === 'number')) return;
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total !== 100) report(path, `weights add up to ${total}; they must add up to 100`);
}
