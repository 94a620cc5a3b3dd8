import 'server-only';
import { randomUUID } from 'node:crypto';
import { audited } from '../audit';
import { can } from '../auth/permissions';
import type { SessionUser } from '../auth/principal';
import { applicationResource } from '../auth/resources';
import type { RetrospectiveRequest } from '../canary/analysis/request';
import { canaryConfigSchema, type CanaryConfig } from '../canary/stats';
import { listApplications } from '../db/applications';
import { findCanaryAnalysis, insertCanaryAnalysis, listCanaryAnalyses, type CanaryAnalysisRow } from '../db/canary-analyses';
import { listCanaryStageRuns, type CanaryStageRun } from '../db/canary-stage-runs';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../errors-in-words';
import type { ApplicationDto } from '../pipeline/application';
import { judgeInterval } from '../canary/analysis/judge-interval';
import type { IntervalRecord } from '../canary/analysis/interval-record';
import { kayentaConfigOf } from '../db/canary-configs';
import { visibleCanaryConfig } from './canary-configs';
import { metricsEndpointFor } from '../auth/metrics-accounts';
import { visibleApplication } from '../auth/visible-applications';
import type { RequestMeta } from '../request-meta';

export interface CanaryAnalysisView extends Omit<CanaryAnalysisRow, 'record'> {
  record: IntervalRecord | null;
}

export type CanaryAnalysisSummary = Omit<CanaryAnalysisRow, 'record'>;

/**
 * Running an analysis queries metrics on the application's behalf: WRITE (config authors) or EXECUTE
 * (those who run its pipelines) — and READ on the metrics account (metricsEndpointFor).
 */
export function assertMayAnalyse(user: SessionUser, application: ApplicationDto): void {
  const resource = applicationResource(application);
  if (!can(user, 'write', resource) && !can(user, 'execute', resource)) {
    throw new ForbiddenError(`You may not run canary analyses in application ${application.name}: that needs WRITE or EXECUTE on it`);
  }
}

/** The config to judge with: the application's stored one by id, or the inline one (422 naming the field otherwise). */
export async function configFor(user: SessionUser, application: ApplicationDto, input: Pick<RetrospectiveRequest, 'canaryConfigId' | 'canaryConfig'>): Promise<{ id: string | null; name: string; config: CanaryConfig }> {
  if (input.canaryConfigId) {
    const { record } = await visibleCanaryConfig(user, application.name, input.canaryConfigId).catch(() => {
      throw new ValidationError(`canaryConfigId: application ${application.name} has no canary config ${input.canaryConfigId}`, [{ path: 'canaryConfigId', message: 'no such config in the application' }]);
    });
    return { id: record.id, name: record.name, config: canaryConfigSchema.parse(kayentaConfigOf(record)) };
  }
  const config = parseInput(canaryConfigSchema, input.canaryConfig, ['canaryConfig']);
  return { id: null, name: typeof config.name === 'string' && config.name ? config.name : 'inline config', config };
}

/**
 * Judges the config over a past window, once, synchronously (a Prometheus range query per metric
 * and side: seconds at most), and stores the result so the report and Gate's polling GET can read it.
 * Query failures do not fail the run: those metrics are judged Nodata and the report says why.
 */
export async function runRetrospectiveAnalysis(meta: RequestMeta, user: SessionUser, input: RetrospectiveRequest): Promise<CanaryAnalysisView> {
  const application = await visibleApplication(user, input.application);
  const id = randomUUID();
  return audited(meta, user, { action: 'canaryAnalysis.run', targetType: 'canaryAnalysis', targetId: id, application: application.name }, async () => {
    assertMayAnalyse(user, application);
    const found = await configFor(user, application, input);
    if (found.config.metrics.length === 0) throw new ValidationError('canaryConfig.metrics: the config has no metrics to judge', [{ path: 'canaryConfig.metrics', message: 'at least one metric' }]);
    const endpoint = metricsEndpointFor(user, input.metricsAccountName);
    const window = { startMs: Date.parse(input.start), endMs: Date.parse(input.end) };
    const record = await judgeInterval({
      endpoint,
      config: found.config,
      scopes: { controlScope: input.controlScope, controlLocation: input.controlLocation, experimentScope: input.experimentScope, experimentLocation: input.experimentLocation, extendedScopeParams: input.extendedScopeParams },
      interval: { interval: 1, atMs: window.endMs, canary: window, baseline: window },
      stepSeconds: input.step,
      thresholds: input.thresholds,
      nowMs: Date.now(),
    });
    const { canaryConfig: _inline, ...request } = input;
    const row = await insertCanaryAnalysis({
      id,
      application: application.name,
      configId: found.id,
      configName: found.name,
      status: 'COMPLETE',
      // The inline config is kept (resolved) so the report shows what was judged, even after the stored config changes.
      request: { ...request, metricsAccountName: endpoint.name, canaryConfig: found.config },
      record,
      error: null,
      score: record.result.score.score,
      createdBy: user.login,
    });
    return { ...row, record };
  });
}

const asRecord = (value: unknown): IntervalRecord | null => (typeof value === 'object' && value !== null && 'result' in value ? (value as IntervalRecord) : null);

export const viewOfCanaryAnalysis = (row: CanaryAnalysisRow): CanaryAnalysisView => ({ ...row, record: asRecord(row.record) });

/** An analysis this user may read (READ on its application); 404 for missing and invisible alike. */
export async function visibleCanaryAnalysis(user: SessionUser, id: string): Promise<CanaryAnalysisView> {
  const row = await findCanaryAnalysis(id);
  if (!row) throw new NotFoundError(`Canary analysis ${id} not found`);
  await visibleApplication(user, row.application).catch(() => {
    throw new NotFoundError(`Canary analysis ${id} not found`);
  });
  return viewOfCanaryAnalysis(row);
}

export async function listVisibleCanaryAnalyses(user: SessionUser, application?: string): Promise<CanaryAnalysisSummary[]> {
  const apps = (await listApplications()).filter((app) => can(user, 'read', applicationResource(app)) && (!application || app.name === application));
  if (apps.length === 0) return [];
  return listCanaryAnalyses(apps.map((app) => app.name));
}

/** The newest pipeline canary stages (kayentaCanary, canaryRelease) of the applications this user may read. */
export async function listVisibleCanaryStageRuns(user: SessionUser): Promise<CanaryStageRun[]> {
  const apps = (await listApplications()).filter((app) => can(user, 'read', applicationResource(app)));
  return listCanaryStageRuns(apps.map((app) => app.name), ['kayentaCanary', 'canaryRelease']);
}
