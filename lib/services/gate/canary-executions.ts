import 'server-only';
import { z } from 'zod';
import type { SessionUser } from '../../auth/principal';
import { visibleApplication } from '../../auth/visible-applications';
import { pageCanaryAnalyses, type AnalysisStatus } from '../../db/canary-analyses';
import { ValidationError } from '../../errors';
import { parseInput } from '../../errors-in-words';
import type { RequestMeta } from '../../request-meta';
import { runRetrospectiveAnalysis, viewOfCanaryAnalysis, type CanaryAnalysisView } from '../canary-analyses';
import { visibleCanaryConfigById } from '../canary-configs';
import { canaryExecutionStatus, retrospectiveFromExecutionRequest, type CanaryExecutionRequest } from './canaries';

/**
 * Kayenta's `POST /canary/{canaryConfigId}` through Gate: a standalone canary run of a stored config.
 * The config must be visible (404 otherwise, so ids cannot be probed); the run needs what every
 * analysis needs (WRITE or EXECUTE on the application, READ on the metrics account). Judged at once,
 * like the adhoc route, so the id answered is complete when spin or a script polls it.
 */
export async function startCanaryOfConfig(meta: RequestMeta, user: SessionUser, configId: string, request: CanaryExecutionRequest, query: URLSearchParams): Promise<CanaryAnalysisView> {
  const { application } = await visibleCanaryConfigById(user, configId);
  const named = query.get('application')?.trim();
  // Kayenta records `application` as given; Foresail's configs belong to one application, so a different one is a mistake to name.
  if (named && named !== application.name) {
    throw new ValidationError(`application: canary config ${configId} belongs to application ${application.name}, not ${named}`, [{ path: 'application', message: `the config belongs to ${application.name}` }]);
  }
  return runRetrospectiveAnalysis(meta, user, retrospectiveFromExecutionRequest(request, { application: application.name, canaryConfigId: configId }, query));
}

/** Orca's execution statuses a caller may filter on; Foresail's analyses are only ever complete or failed. */
const statusOf: Record<string, AnalysisStatus | null> = {
  SUCCEEDED: 'COMPLETE',
  TERMINAL: 'FAILED',
  NOT_STARTED: null,
  RUNNING: null,
  PAUSED: null,
  SUSPENDED: null,
  FAILED_CONTINUE: null,
  CANCELED: null,
  STOPPED: null,
  SKIPPED: null,
  REDIRECT: null,
  BUFFERED: null,
};

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(20),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  statuses: z
    .string()
    .optional()
    .transform((raw) => (raw ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean))
    .refine((names) => names.every((n) => n in statusOf), { message: `each one of ${Object.keys(statusOf).join(', ')}` }),
});

/**
 * `GET /v2/canaries/{application}/executions`: Kayenta's CanaryExecutionStatusResponse of each
 * standalone canary run of the application, newest first, paged by `limit` and `page` (from 1).
 * READ on the application; missing and invisible answer the same 404.
 */
export async function listCanaryExecutions(user: SessionUser, applicationName: string, query: URLSearchParams): Promise<Record<string, unknown>[]> {
  const application = await visibleApplication(user, applicationName);
  const { limit, page, statuses } = parseInput(listQuerySchema, Object.fromEntries(['limit', 'page', 'statuses'].flatMap((k) => (query.has(k) ? [[k, query.get(k)]] : []))));
  const wanted: AnalysisStatus[] = statuses.length === 0 ? ['COMPLETE', 'FAILED'] : statuses.flatMap((s) => statusOf[s] ?? []);
  if (wanted.length === 0) return [];
  const rows = await pageCanaryAnalyses({ application: application.name, statuses: wanted, skip: (page - 1) * limit, take: limit });
  return rows.map((row) => canaryExecutionStatus(viewOfCanaryAnalysis(row)));
}
