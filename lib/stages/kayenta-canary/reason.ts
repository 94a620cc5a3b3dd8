import type { JudgeResult } from '../../canary/stats';

/** "latency (High, +30.2%), errors (Nodata: …)": the metrics that did not pass, worst first. */
export function describeFailedMetrics(result: JudgeResult): string[] {
  const failed = result.results.filter((r) => !r.muted && r.classification !== 'Pass');
  const rank = (r: (typeof failed)[number]) => (r.critical ? 0 : r.classification === 'High' || r.classification === 'Low' || r.classification === 'NodataFailMetric' ? 1 : 2);
  return failed
    .sort((a, b) => rank(a) - rank(b))
    .map((r) => {
      const tags = Object.entries(r.tags).map(([k, v]) => `${k}=${v}`).join(',');
      const name = tags ? `${r.name}{${tags}}` : r.name;
      const deviation = r.deviation === null ? '' : `, ${r.deviation >= 1 ? '+' : ''}${((r.deviation - 1) * 100).toFixed(1)}%`;
      const critical = r.critical ? ', critical' : '';
      const why = r.classification === 'High' || r.classification === 'Low' ? '' : `: ${r.classificationReason}`;
      return `${name} (${r.classification}${deviation}${critical}${why})`;
    });
}

/** The stage's failure in plain words: the decision, then the metrics behind it. */
export function failureReason(decision: string, result: JudgeResult): { reason: string; details: string[] } {
  const metrics = describeFailedMetrics(result);
  const summary = result.score.classificationReason ? ` ${result.score.classificationReason}.` : '';
  const listed = metrics.length > 0 ? ` Failed metrics: ${metrics.slice(0, 5).join('; ')}${metrics.length > 5 ? `; and ${metrics.length - 5} more` : ''}.` : '';
  return { reason: `${decision}.${summary}${listed}`, details: metrics };
}
