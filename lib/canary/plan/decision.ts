export type IntervalDecision = { proceed: true } | { proceed: false; reason: string };
export type FinalDecision = { passed: true } | { passed: false; reason: string };

interface Thresholds {
  pass: number;
  marginal: number;
}

/**
 * After each interval (Orca's MonitorKayentaCanaryTask): a score at or below marginal ends the
 * analysis at once. Note the judge labels a score equal to marginal "Marginal", yet Orca fails it.
 */
export function decideInterval(score: number, interval: number, thresholds: Thresholds): IntervalDecision {
  if (score <= thresholds.marginal) {
    return { proceed: false, reason: `Interval ${interval} scored ${score}, not above the marginal threshold of ${thresholds.marginal}, so the analysis stopped early` };
  }
  return { proceed: true };
}

/** After the last interval (AggregateCanaryResultsTask): only the last score decides against pass. */
export function decideFinal(lastScore: number, thresholds: Thresholds): FinalDecision {
  if (lastScore <= thresholds.marginal) return { passed: false, reason: `The final score ${lastScore} is not above the marginal threshold of ${thresholds.marginal}` };
  if (lastScore < thresholds.pass) return { passed: false, reason: `The final score ${lastScore} is below the pass threshold of ${thresholds.pass}` };
  return { passed: true };
}
