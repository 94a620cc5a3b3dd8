import { groupScores, summaryScore, type JudgeResult, type MetricResult } from '../stats';

/**
 * Marks the results whose data never arrived (a query error, or no series on a side) as Nodata
 * with that reason, then scores again. The judge alone would call two empty sides with nanStrategy
 * "replace" identical and Pass them; Foresail never passes a metric for lack of data. mustHaveData
 * metrics become NodataFailMetric, and a critical metric stays critical, as Kayenta labels no-data.
 */
export function applyMissingData(result: JudgeResult, reasons: ReadonlyMap<string, string>, groupWeights: Readonly<Record<string, number>>): JudgeResult {
  if (reasons.size === 0) return result;
  const results = result.results.map((r): MetricResult => {
    const reason = r.id === null ? undefined : reasons.get(r.id);
    if (reason === undefined) return r;
    const failMetric = r.mustHaveData && !r.criticalMetric;
    return { ...r, classification: failMetric ? 'NodataFailMetric' : 'Nodata', classificationReason: reason, critical: !failMetric && r.criticalMetric };
  });
  const groups = groupScores(
    results.filter((r) => !r.muted),
    groupWeights,
  );
  return { ...result, results, groupScores: groups, score: summaryScore(results, groups, result.thresholds) };
}
