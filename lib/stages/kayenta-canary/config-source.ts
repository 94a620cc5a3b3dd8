import 'server-only';
import { canaryConfigSchema, type CanaryConfig } from '../../canary/stats';
import { selectedJudge, unknownJudgeMessage } from '../../canary/stats/foresail/settings';
import { formatPath } from '../../errors';
import type { StageServices } from '../types';

export type ConfigLookup = { config: CanaryConfig; source: string } | { error: string };

/**
 * The Kayenta canary config to judge with: an inline one at `canaryConfig.canaryConfig` (pipelines as
 * code, tests), else the application's stored config named by canaryConfigId or canaryConfigName.
 */
export async function findStageCanaryConfig(services: StageServices, application: string, stageConfig: Record<string, unknown>): Promise<ConfigLookup> {
  const inline = stageConfig.canaryConfig;
  const ref = [stageConfig.canaryConfigId, stageConfig.canaryConfigName].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  let raw: unknown;
  let source: string;
  if (inline !== undefined && inline !== null) {
    raw = inline;
    source = 'the canary config written in the stage';
  } else if (ref) {
    raw = await services.canaryConfig(application, ref);
    source = `canary config ${ref}`;
    if (raw === undefined) return { error: `Application ${application} has no canary config ${ref}` };
  } else {
    return { error: 'The stage names no canary config (canaryConfigId or canaryConfigName)' };
  }
  const parsed = canaryConfigSchema.safeParse(raw);
  if (!parsed.success) {
    return { error: `${source} is not a valid canary config: ${parsed.error.issues.map((i) => `${formatPath(i.path) || '(config)'}: ${i.message}`).join('; ')}` };
  }
  if (parsed.data.metrics.length === 0) return { error: `${source} has no metrics to judge` };
  const judge = selectedJudge(parsed.data);
  if (typeof judge === 'object') return { error: `${source} cannot be judged: ${unknownJudgeMessage(judge.unknown)}` };
  return { config: parsed.data, source };
}
