import 'server-only';
import { audited } from '../audit';
import type { SessionUser } from '../auth/principal';
import { runAaCheck } from '../canary/analysis/aa-check';
import type { AaCheckRequest, AaCheckResult } from '../canary/analysis/aa-check-api';
import { fetchMetricPairs } from '../canary/prometheus';
import { ValidationError } from '../errors';
import { assertMayAnalyse, configFor } from './canary-analyses';
import { metricsEndpointFor } from './metrics-accounts';
import { visibleApplication } from './pipelines';

/**
 * "Run an A/A check" on a canary config: the production workload's series over the period, fetched
 * once per metric, judged as canary against itself an offset earlier, window after window. The
 * share of those analyses that fail is the config's false-alarm rate on real data. Needs what a
 * retrospective analysis needs (WRITE or EXECUTE on the application, READ on the metrics account); nothing is stored.
 */
export async function runCanaryAaCheck(req: Request, user: SessionUser, input: AaCheckRequest): Promise<AaCheckResult> {
  const application = await visibleApplication(user, input.application);
  return audited(req, user, { action: 'canaryConfig.aaCheck', targetType: 'canaryConfig', ...(input.canaryConfigId ? { targetId: input.canaryConfigId } : {}), application: application.name }, async () => {
    assertMayAnalyse(user, application);
    const found = await configFor(user, application, input);
    if (found.config.metrics.length === 0) throw new ValidationError('canaryConfig.metrics: the config has no metrics to judge', [{ path: 'canaryConfig.metrics', message: 'at least one metric' }]);
    const endpoint = metricsEndpointFor(user, input.metricsAccountName);
    const side = { scope: input.scope, location: input.location, params: input.extendedScopeParams, startMs: Date.parse(input.start), endMs: Date.parse(input.end) };
    const fetched = await fetchMetricPairs({ endpoint, config: found.config, control: side, experiment: side, stepSeconds: input.step });
    const series = fetched.pairs.map((p) => ({ id: p.id, name: p.name, tags: p.tags, points: p.nodataReason ? [] : p.control }));
    return runAaCheck(found.config, input, input.thresholds, series);
  });
}
