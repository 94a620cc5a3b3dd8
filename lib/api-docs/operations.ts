import { z } from 'zod';
import { auditQuerySchema } from '../auth/audit-query';
import { metricPreviewRequestSchema, metricPreviewSchema, retrospectiveRequestSchema } from '../canary/analysis/request';
import { aaCheckRequestSchema } from '../canary/analysis/aa-check-api';
import { canaryPlanRequestSchema, canaryPlanSchema } from '../canary/plan/request';
import { createTokenSchema } from '../auth/token-schema';
import { applicationDtoSchema, createApplicationSchema, updateApplicationSchema } from '../pipeline/application';
import { triggerAttemptPageSchema, triggerAttemptQuerySchema } from '../triggers/attempts-query';
import { executionQuerySchema } from '../pipeline/execution-query';
import { executionListPageSchema } from '../pipeline/execution-list-row';
import { myJudgmentsSchema } from '../pipeline/judgments';
import { infrastructureQuerySchema, infrastructureSchema, stageKubernetesSchema } from '../pipeline/kubernetes-views';
import { accountDtoSchema, accountNamespacesSchema, dryRunRequestSchema, dryRunResultSchema } from '../pipeline/kubernetes-accounts';
import { judgeInputSchema } from '../canary/stats/input';
import { worldStatusDtoSchema } from '../world/status';
import { demoPushRequestSchema } from '../demo/push/request';
import { canaryConfigSummarySchema, canaryConfigViewSchema, createCanaryConfigRequestSchema, saveCanaryConfigRequestSchema } from '../canary/stats/config-api';
import { cancelRequestSchema, executionDtoSchema, executionPageSchema, executionSummarySchema, executionViewQuerySchema, judgmentRequestSchema, skipRequestSchema, stageDtoSchema, triggerRequestSchema } from '../pipeline/execution';
import {
  changePipelineRequestSchema,
  importReportSchema,
  createPipelineRequestSchema,
  importRequestSchema,
  pipelineSummarySchema,
  pipelineViewSchema,
  reorderRequestSchema,
  revisionDetailSchema,
  revisionSummarySchema,
  rotateTriggerSecretRequestSchema,
  savePipelineRequestSchema,
  validateRequestSchema,
  validationIssueSchema,
} from '../pipeline/api-schemas';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  public?: boolean;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: { status: number; schema?: z.ZodType; description: string };
}

const tokenDto = z.object({ id: z.string(), name: z.string(), owner: z.string(), roles: z.array(z.string()), createdAt: z.string(), expiresAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
const me = z.object({ login: z.string(), githubLogin: z.string().optional(), name: z.string().nullable(), email: z.string().nullable(), groups: z.array(z.string()), roles: z.array(z.string()), isAdmin: z.boolean(), canCreateApplications: z.boolean(), via: z.enum(['session', 'token']), demo: z.boolean() });
const auditPage = z.object({ events: z.array(z.object({ id: z.string(), at: z.string(), actor: z.string(), action: z.string(), targetType: z.string(), targetId: z.string().nullable(), application: z.string().nullable(), sourceIp: z.string().nullable(), outcome: z.string(), details: z.unknown() })), nextCursor: z.string().nullable() });
const ok = (status: number, description: string, schema?: z.ZodType) => ({ status, description, schema });
const app = '/api/v1/applications/{name}';
const pipeline = `${app}/pipelines/{id}`;

/** Every native API operation, documented from the same zod schemas the routes validate with. */
export const operations: Operation[] = [
  { method: 'get', path: '/api/health', summary: 'Liveness and readiness (200 ready, 503 not)', tag: 'system', public: true, response: ok(200, 'ready') },
  { method: 'get', path: '/api/health/live', summary: 'Liveness only: 200 while the process serves, whatever the database says', tag: 'system', public: true, response: ok(200, 'live') },
  { method: 'get', path: '/api/metrics', summary: 'Prometheus exposition', tag: 'system', public: true, response: ok(200, 'text/plain metrics') },
  { method: 'get', path: '/api/v1/demo/world', summary: 'The demo world of `npm run demo`: each part (Kubernetes, Prometheus, OpenLDAP, simulators) and whether all it needs is ready; 404 outside demo mode', tag: 'system', response: ok(200, 'the world status', worldStatusDtoSchema) },
  { method: 'post', path: '/api/v1/demo/push', summary: '"Push a change" in `npm run demo`: records a goldengoose commit with the chosen profile and sends GitHub\'s signed push webhook for it to this Foresail; needs EXECUTE on goldengoose; 404 outside demo mode', tag: 'system', body: demoPushRequestSchema, response: ok(202, 'the commit, its image and the webhook\'s answer') },
  { method: 'get', path: '/api/v1/me', summary: 'Who you are: login, groups, roles', tag: 'identity', response: ok(200, 'you', me) },
  { method: 'get', path: '/api/v1/me/judgments', summary: 'Manual judgments waiting for you in every application you can see, newest first (at most 50; count is the total)', tag: 'identity', response: ok(200, 'your judgments', myJudgmentsSchema) },
  { method: 'delete', path: '/api/v1/me/sessions', summary: 'Sign out everywhere', tag: 'identity', response: ok(204, 'signed out') },
  { method: 'get', path: '/api/v1/tokens', summary: 'Your API tokens (all with ?all=true, admins)', tag: 'identity', response: ok(200, 'tokens', z.array(tokenDto)) },
  { method: 'post', path: '/api/v1/tokens', summary: 'Create an API token (without roles: all your roles); the token is only in this response', tag: 'identity', body: createTokenSchema, response: ok(201, 'created', tokenDto.extend({ token: z.string() })) },
  { method: 'delete', path: '/api/v1/tokens/{id}', summary: 'Revoke a token', tag: 'identity', response: ok(200, 'revoked', tokenDto) },
  { method: 'get', path: '/api/v1/audit', summary: 'The audit log, newest first', tag: 'identity', query: auditQuerySchema, response: ok(200, 'a page', auditPage) },
  { method: 'get', path: '/api/v1/applications', summary: 'Applications you can see (?q= searches)', tag: 'applications', response: ok(200, 'applications', z.array(applicationDtoSchema)) },
  { method: 'post', path: '/api/v1/applications', summary: 'Create an application', tag: 'applications', body: createApplicationSchema, response: ok(201, 'created', applicationDtoSchema) },
  { method: 'get', path: app, summary: 'One application', tag: 'applications', response: ok(200, 'the application', applicationDtoSchema) },
  { method: 'patch', path: app, summary: 'Change description, owner email or (admins) permissions', tag: 'applications', body: updateApplicationSchema, response: ok(200, 'changed', applicationDtoSchema) },
  { method: 'delete', path: app, summary: 'Delete an application and its pipelines', tag: 'applications', response: ok(204, 'deleted') },
  { method: 'get', path: `${app}/pipelines`, summary: 'Pipelines of an application, in display order', tag: 'pipelines', response: ok(200, 'pipelines', z.array(pipelineSummarySchema)) },
  { method: 'post', path: `${app}/pipelines`, summary: 'Create a pipeline from {pipeline} or the bare pipeline JSON', tag: 'pipelines', body: createPipelineRequestSchema, response: ok(201, 'created', pipelineViewSchema) },
  { method: 'post', path: `${app}/pipelines/reorder`, summary: 'Set the display order', tag: 'pipelines', body: reorderRequestSchema, response: ok(204, 'reordered') },
  { method: 'post', path: `${app}/pipelines/import`, summary: 'Import Spinnaker JSON, as {input, dryRun} or a bare export (dry run by default; ?dryRun=false saves a bare export)', tag: 'pipelines', query: z.object({ dryRun: z.enum(['true', 'false']).optional() }), body: importRequestSchema, response: ok(200, 'report', importReportSchema) },
  { method: 'get', path: pipeline, summary: 'A pipeline config with its version', tag: 'pipelines', response: ok(200, 'the pipeline', pipelineViewSchema) },
  { method: 'put', path: pipeline, summary: 'Save a new version (409 if expectedVersion is stale)', tag: 'pipelines', body: savePipelineRequestSchema, response: ok(200, 'saved', pipelineViewSchema) },
  { method: 'patch', path: pipeline, summary: 'Enable/disable, lock/unlock or rename', tag: 'pipelines', body: changePipelineRequestSchema, response: ok(200, 'changed', pipelineViewSchema) },
  { method: 'delete', path: pipeline, summary: 'Delete a pipeline', tag: 'pipelines', response: ok(204, 'deleted') },
  { method: 'get', path: `${pipeline}/revisions`, summary: 'Revision history, newest first', tag: 'pipelines', response: ok(200, 'revisions', z.array(revisionSummarySchema)) },
  { method: 'get', path: `${pipeline}/revisions/{version}`, summary: 'A revision and what changed in it', tag: 'pipelines', response: ok(200, 'the revision', revisionDetailSchema) },
  { method: 'post', path: `${pipeline}/revisions/{version}/restore`, summary: 'Restore a revision as a new version', tag: 'pipelines', body: z.strictObject({ expectedVersion: z.number().int() }), response: ok(200, 'restored', pipelineViewSchema) },
  { method: 'post', path: `${pipeline}/triggers/{trigger}/secret`, summary: "Replace one trigger's secret (trigger id, or position); WRITE, and EXECUTE for a live trigger", tag: 'pipelines', body: rotateTriggerSecretRequestSchema, response: ok(200, 'saved (secrets masked)', pipelineViewSchema) },
  { method: 'post', path: '/api/v1/pipelines/validate', summary: 'Validate a pipeline without saving', tag: 'pipelines', body: validateRequestSchema, response: ok(200, 'issues', z.object({ valid: z.boolean(), issues: z.array(validationIssueSchema) })) },
  { method: 'get', path: '/api/v1/schemas/pipeline.json', summary: 'JSON Schema of a pipeline config', tag: 'pipelines', public: true, response: ok(200, 'JSON Schema') },
  { method: 'post', path: `${pipeline}/executions`, summary: 'Start the pipeline (manual trigger); 202, `queued` behind a concurrency limit', tag: 'executions', body: triggerRequestSchema, response: ok(202, 'started', z.object({ id: z.string(), status: z.enum(['started', 'queued']) })) },
  { method: 'get', path: '/api/v1/executions', summary: 'Executions you can see, newest first; filter by application, pipeline, statuses, time, text (q), ids (id) or judgments waiting for you (awaitingJudgment=me); view=summary answers slim rows (top-level stages counted by status, the ones in progress named, a trigger summary) instead of stage objects', tag: 'executions', query: executionQuerySchema, response: ok(200, 'a page: full rows, or with view=summary slim rows', z.union([executionPageSchema, executionListPageSchema])) },
  { method: 'get', path: '/api/v1/executions/{id}', summary: 'One execution with all its stages; view=summary leaves out the stages\' context, outputs and tasks (what the execution page keeps live)', tag: 'executions', query: executionViewQuerySchema, response: ok(200, 'the execution', z.union([executionDtoSchema, executionSummarySchema])) },
  { method: 'get', path: '/api/v1/executions/{id}/stages/{stageId}', summary: 'One stage in full (context, outputs, tasks), under the same check as its execution (404)', tag: 'executions', response: ok(200, 'the stage', stageDtoSchema) },
  { method: 'delete', path: '/api/v1/executions/{id}', summary: 'Delete a finished execution', tag: 'executions', response: ok(204, 'deleted') },
  { method: 'post', path: '/api/v1/executions/{id}/cancel', summary: 'Cancel (running stages clean up)', tag: 'executions', body: cancelRequestSchema, response: ok(204, 'canceled') },
  { method: 'post', path: '/api/v1/executions/{id}/pause', summary: 'Pause', tag: 'executions', response: ok(204, 'paused') },
  { method: 'post', path: '/api/v1/executions/{id}/resume', summary: 'Resume', tag: 'executions', response: ok(204, 'resumed') },
  { method: 'post', path: '/api/v1/executions/{id}/stages/{stageId}/restart', summary: 'Restart a stage and everything downstream', tag: 'executions', response: ok(204, 'restarted') },
  { method: 'post', path: '/api/v1/executions/{id}/stages/{stageId}/judgment', summary: 'Continue or stop a manual judgment', tag: 'executions', body: judgmentRequestSchema, response: ok(204, 'judged') },
  { method: 'post', path: '/api/v1/executions/{id}/stages/{stageId}/skip-wait', summary: 'End a wait stage now', tag: 'executions', response: ok(204, 'skipped') },
  { method: 'post', path: '/api/v1/executions/{id}/stages/{stageId}/skip', summary: 'Skip a running stage whose type allows it (a pipeline stage marked skippable; never a judgment or canary analysis), saying why', tag: 'executions', body: skipRequestSchema, response: ok(204, 'skipped') },
  { method: 'get', path: '/api/v1/events', summary: 'Server-sent events of execution and stage changes (?application or ?execution; Last-Event-ID to resume)', tag: 'executions', response: ok(200, 'text/event-stream') },
  { method: 'get', path: '/api/v1/trigger-attempts', summary: 'Why triggers did or did not start executions, newest first', tag: 'executions', query: triggerAttemptQuerySchema, response: ok(200, 'a page', triggerAttemptPageSchema) },
  { method: 'get', path: `${app}/canary-configs`, summary: 'Canary configs (Kayenta format) of an application, by name', tag: 'canary', response: ok(200, 'configs', z.array(canaryConfigSummarySchema)) },
  { method: 'post', path: `${app}/canary-configs`, summary: 'Create a canary config (422 with field paths: weights sum to 100, groups weighted, unique metric names, PromQL present)', tag: 'canary', body: createCanaryConfigRequestSchema, response: ok(201, 'created', canaryConfigViewSchema) },
  { method: 'get', path: `${app}/canary-configs/{id}`, summary: 'A canary config with its version', tag: 'canary', response: ok(200, 'the config', canaryConfigViewSchema) },
  { method: 'put', path: `${app}/canary-configs/{id}`, summary: 'Save a new version (409 if expectedVersion is stale)', tag: 'canary', body: saveCanaryConfigRequestSchema, response: ok(200, 'saved', canaryConfigViewSchema) },
  { method: 'delete', path: `${app}/canary-configs/{id}`, summary: 'Delete a canary config', tag: 'canary', response: ok(204, 'deleted') },
  { method: 'post', path: '/api/v1/canary/judge', summary: 'Judge one canary run with the judge the config names (NetflixACAJudge-v1.0 by default, or foresail-v1 one interval at a time with the previous answer\'s state); the same code as `foresail judge`; 400 names bad fields', tag: 'canary', body: judgeInputSchema, response: ok(200, 'the judge result') },
  { method: 'post', path: '/api/v1/canary/aa-check', summary: 'A/A check of a canary config: the same workload judged against itself an offset earlier, window after window over a past period; how often it would have failed. Needs WRITE or EXECUTE on the application; 422 names the bad field', tag: 'canary', body: aaCheckRequestSchema, response: ok(200, 'each run\'s verdict, the false-alarm rate and failures per metric') },
  { method: 'post', path: '/api/v1/canary/plan', summary: 'The intervals a kayentaCanary stage would run from a start time: waits, canary and baseline windows (Orca rules); 400 names the bad field', tag: 'canary', body: canaryPlanRequestSchema, response: ok(200, 'the plan', canaryPlanSchema) },
  { method: 'get', path: '/api/v1/canary/analyses', summary: 'Retrospective canary analyses the caller may read, newest first, scores only (?application=)', tag: 'canary', response: ok(200, 'analyses') },
  { method: 'post', path: '/api/v1/canary/analyses', summary: 'Judge a canary config (by id or inline) over a past window against a Prometheus account and store the report; needs WRITE or EXECUTE on the application and READ on the metrics account (one the caller may not use is a 422 on metricsAccountName, like an unknown one); 422 names the bad field', tag: 'canary', body: retrospectiveRequestSchema, response: ok(201, 'the stored analysis with its judge result, queries and series') },
  { method: 'get', path: '/api/v1/canary/analyses/{id}', summary: 'A retrospective analysis with its judge result, windows, queries and series', tag: 'canary', response: ok(200, 'the analysis') },
  { method: 'post', path: '/api/v1/canary/preview', summary: "Run one canary metric's query for one scope over a window (the config editor's Preview); needs READ on the application and on the metrics account; 422 with Prometheus' message for bad PromQL", tag: 'canary', body: metricPreviewRequestSchema, response: ok(200, 'the PromQL and its series', metricPreviewSchema) },
  { method: 'get', path: '/api/v1/accounts', summary: 'Kubernetes accounts you can see, with reachability and server version (probed with a short timeout, cached ~15 s)', tag: 'kubernetes', response: ok(200, 'accounts', z.array(accountDtoSchema)) },
  { method: 'get', path: '/api/v1/executions/{id}/stages/{stageId}/kubernetes', summary: 'Live status (kstatus readiness) and recent events of the objects a Kubernetes stage touched; needs READ on the application (404) and on the stage\'s account (403)', tag: 'kubernetes', response: ok(200, 'the objects now', stageKubernetesSchema) },
  { method: 'get', path: `${app}/infrastructure`, summary: 'Workloads Foresail manages for the application (label foresail.dev/application), per readable account: one labelled list per kind, paged with limit/continue (continue needs account and kind); accounts you may not read are counted in omittedAccounts', tag: 'kubernetes', query: infrastructureQuerySchema, response: ok(200, 'one page of each list', infrastructureSchema) },
  { method: 'get', path: '/api/v1/accounts/{name}', summary: 'One Kubernetes account (404 when you may not see it)', tag: 'kubernetes', response: ok(200, 'the account', accountDtoSchema) },
  { method: 'get', path: '/api/v1/accounts/{name}/namespaces', summary: 'Namespaces to deploy to: the allow-list, or the live list when there is none (503 when the cluster is unreachable)', tag: 'kubernetes', response: ok(200, 'namespaces', accountNamespacesSchema) },
  { method: 'post', path: '/api/v1/accounts/{name}/dry-run', summary: 'Server-side dry run of manifests (needs WRITE on the account): per manifest ok / invalid with field causes / forbidden / conflict, and the diff against the live object', tag: 'kubernetes', body: dryRunRequestSchema, response: ok(200, 'verdicts', dryRunResultSchema) },
  { method: 'get', path: '/api/v1/openapi.json', summary: 'This document', tag: 'system', public: true, response: ok(200, 'OpenAPI 3.1') },
];
