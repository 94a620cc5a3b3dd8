import 'server-only';
import { z } from 'zod';
import { retrospectiveRequestSchema, type RetrospectiveRequest } from '../../canary/analysis/request';
import { ValidationError } from '../../errors';
import { describeZodIssue, sentenceOf } from '../../errors-in-words';
import type { CanaryAnalysisView } from '../canary-analyses';

/** One side of Kayenta's CanaryScope; spin sends Go's RFC 3339 times and the step in seconds. */
const kayentaScopeSchema = z.looseObject({
  scope: z.string().min(1, 'required'),
  location: z.string().optional(),
  start: z.string().min(1, 'required'),
  end: z.string().min(1, 'required'),
  step: z.number().int().positive().optional(),
  extendedScopeParams: z.record(z.string(), z.string()).nullish(),
});

/** Kayenta's CanaryExecutionRequest: the scopes to compare and the thresholds (`siteLocal` is kept, unused). */
export const canaryExecutionRequestSchema = z.looseObject({
  scopes: z.record(z.string(), z.looseObject({ controlScope: kayentaScopeSchema, experimentScope: kayentaScopeSchema })).refine((s) => Object.keys(s).length > 0, 'at least one scope'),
  thresholds: z.looseObject({ pass: z.number(), marginal: z.number() }).optional(),
});
export type CanaryExecutionRequest = z.infer<typeof canaryExecutionRequestSchema>;

/** Kayenta's CanaryAdhocExecutionRequest (what `spin canary canary-config retro` posts). */
export const adhocExecutionRequestSchema = z.looseObject({
  canaryConfig: z.record(z.string(), z.unknown(), { error: 'must be a Kayenta canary config object' }),
  executionRequest: canaryExecutionRequestSchema,
});
export type AdhocExecutionRequest = z.infer<typeof adhocExecutionRequestSchema>;

/**
 * The adhoc request as a Foresail retrospective analysis. The application comes from `?application=`
 * or the config's `applications[0]` (spin sends neither query parameter; its config files carry it).
 */
export function retrospectiveFromAdhoc(body: AdhocExecutionRequest, query: URLSearchParams): RetrospectiveRequest {
  const named = body.canaryConfig.applications;
  const application = query.get('application')?.trim() || (Array.isArray(named) && typeof named[0] === 'string' ? named[0] : '');
  if (!application) throw new ValidationError('application: pass ?application= or name it in canaryConfig.applications', [{ path: 'application', message: 'required' }]);
  return retrospectiveFromExecutionRequest(body.executionRequest, { application, canaryConfig: body.canaryConfig }, query, 'executionRequest.');
}

/**
 * Kayenta's CanaryExecutionRequest for a stored config (`POST /v2/canaries/canary/{configId}`) or an
 * inline one, as a retrospective analysis. Only the first scope is judged, as the kayentaCanary stage
 * does; `prefix` is where the request sits in the body, so 422s name the field as the client sent it.
 */
export function retrospectiveFromExecutionRequest(
  request: CanaryExecutionRequest,
  target: { application: string; canaryConfig?: Record<string, unknown>; canaryConfigId?: string },
  query: URLSearchParams,
  prefix = '',
): RetrospectiveRequest {
  const [scopeName, scope] = Object.entries(request.scopes)[0] ?? [];
  if (!scope || !scopeName) throw new ValidationError(`${prefix}scopes: at least one scope`, [{ path: `${prefix}scopes`, message: 'at least one scope' }]);
  const { controlScope: control, experimentScope: experiment } = scope;
  const parsed = retrospectiveRequestSchema.safeParse({
    ...target,
    metricsAccountName: query.get('metricsAccountName')?.trim() || undefined,
    controlScope: control.scope,
    controlLocation: control.location,
    experimentScope: experiment.scope,
    experimentLocation: experiment.location,
    extendedScopeParams: experiment.extendedScopeParams ?? control.extendedScopeParams ?? undefined,
    start: experiment.start,
    end: experiment.end,
    step: experiment.step ?? control.step ?? 60,
    thresholds: request.thresholds ? { pass: request.thresholds.pass, marginal: request.thresholds.marginal } : undefined,
  });
  if (!parsed.success) {
    const where: Record<string, string> = { start: 'experimentScope.start', end: 'experimentScope.end', step: 'experimentScope.step', controlScope: 'controlScope.scope', experimentScope: 'experimentScope.scope' };
    const issues = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      const path = where[key] ? `${prefix}scopes.${scopeName}.${where[key]}` : key === 'thresholds' ? `${prefix}thresholds.${i.path.slice(1).join('.')}` : i.path.join('.');
      return { path, message: describeZodIssue(i) };
    });
    throw new ValidationError(sentenceOf(issues), issues);
  }
  return parsed.data;
}

/**
 * Kayenta's CanaryExecutionStatusResponse for `GET /v2/canaries/canary/{id}`. spin polls `complete`
 * and reads `result.judgeResult.score.classification`; the rest is what Deck's report reads.
 */
export function canaryExecutionStatus(view: CanaryAnalysisView): Record<string, unknown> {
  const created = Date.parse(view.createdAt);
  const judged = view.record?.judgedAtMs ?? created;
  const request = view.request;
  const scope = (start: unknown, end: unknown, name: unknown, location: unknown, step: unknown) => ({ scope: name, location: location ?? null, start, end, step, extendedScopeParams: request.extendedScopeParams ?? {} });
  return {
    application: view.application,
    parentPipelineExecutionId: null,
    pipelineId: view.id,
    canaryConfigId: view.configId,
    config: request.canaryConfig ?? null,
    complete: true,
    status: view.status === 'COMPLETE' ? 'succeeded' : 'terminal',
    exception: view.error ? { details: { error: view.error } } : null,
    result: view.record
      ? {
          judgeResult: { ...view.record.result, metricSetPairListId: view.id },
          canaryDuration: null,
          metricSetPairListId: view.id,
        }
      : null,
    canaryExecutionRequest: {
      scopes: {
        default: {
          controlScope: scope(request.start, request.end, request.controlScope, request.controlLocation, request.step),
          experimentScope: scope(request.start, request.end, request.experimentScope, request.experimentLocation, request.step),
        },
      },
      thresholds: request.thresholds,
    },
    metricsAccountName: request.metricsAccountName ?? null,
    storageAccountName: null,
    buildTimeMillis: created,
    buildTimeIso: new Date(created).toISOString(),
    startTimeMillis: created,
    startTimeIso: new Date(created).toISOString(),
    endTimeMillis: judged,
    endTimeIso: new Date(judged).toISOString(),
  };
}
