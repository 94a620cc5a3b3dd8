import 'server-only';
import { taskSequence } from '../tasks';
import type { EgressResponse } from '../types';
import { buildHeaders, call, excerpt, hostOf, parseBody, statusSet } from './http';
import { JsonPathSyntaxError, readJsonPath, type JsonPathRead } from './json-path';
import { LIMITS, TASKS, webhookOutputs, type WebhookConfig, type WebhookContext, type WebhookMonitorOutput, type WebhookResult, type WebhookState } from './model';

const NAMES = [TASKS.call, TASKS.monitor];

/** The monitor phase: one GET of the status URL per run, every `waitTime` seconds. */
export async function pollStatus(ctx: WebhookContext, state: WebhookState): Promise<WebhookResult> {
  const { config } = ctx.stage;
  const interval = Math.max(LIMITS.minPollMs, (config.waitTime ?? LIMITS.defaultPollSeconds) * 1_000);
  const fail = (reason: string, details?: string[], monitor?: WebhookMonitorOutput): WebhookResult => ({
    status: 'failed',
    reason,
    ...(details ? { details } : {}),
    outputs: webhookOutputs(state, { monitor }),
    tasks: taskSequence(NAMES, 1, 'TERMINAL'),
  });

  const built = buildHeaders(config.customHeaders);
  if ('problem' in built) return fail(built.problem);
  const statusUrl = state.statusUrl ?? config.url;
  // The remote chose this URL (Location or its body): the author's headers, often credentials, go
  // only to the origin the author wrote.
  const headers = sameOrigin(statusUrl, config.url) ? built.headers : {};
  const answer = await call(ctx.services, statusUrl, { method: 'GET', headers }, config, 'The status check');
  if (answer.kind === 'fail') return fail(answer.reason, answer.details);
  if (answer.kind === 'retry') {
    const failedPolls = state.failedPolls + 1;
    if (failedPolls >= LIMITS.maxFailedPolls) return fail(`${answer.problem}; gave up after ${LIMITS.maxFailedPolls} failed status checks in a row`);
    return { status: 'running', state: { ...state, failedPolls }, pollAfterMs: interval, outputs: webhookOutputs(state), tasks: taskSequence(NAMES, 1, 'RUNNING') };
  }

  const verdict = judge(config, answer.response);
  const next: WebhookState = { ...state, failedPolls: 0, monitor: verdict.monitor };
  switch (verdict.kind) {
    case 'succeeded':
      return { status: 'succeeded', outputs: webhookOutputs(next), tasks: taskSequence(NAMES, 2, 'SUCCEEDED') };
    case 'failed':
      return fail(verdict.reason, verdict.details, verdict.monitor);
    case 'running':
      return { status: 'running', state: next, pollAfterMs: interval, outputs: webhookOutputs(next), tasks: taskSequence(NAMES, 1, 'RUNNING') };
  }
}

function sameOrigin(a: string, b: string): boolean {
  return URL.canParse(a) && URL.canParse(b) && new URL(a).origin === new URL(b).origin;
}

type Verdict = { monitor?: WebhookMonitorOutput } & ({ kind: 'succeeded' | 'running' } | { kind: 'failed'; reason: string; details?: string[] });

/**
 * Reads the status as Orca's MonitorWebhookTask does: listed success, canceled and terminal values
 * (any case); otherwise a number is a percentage (100 = done) and `true` means done.
 */
function judge(config: WebhookConfig, response: EgressResponse): Verdict {
  const body = parseBody(response);
  const host = hostOf(response.url);
  const bodyDetails = [`Status response: ${excerpt(response.body)}`];
  const status = read(body, config.statusJsonPath ?? '', 'statusJsonPath');
  if ('problem' in status) return { kind: 'failed', reason: status.problem };
  if (!status.found) return { kind: 'failed', reason: `The status response from ${host} has nothing at statusJsonPath ${config.statusJsonPath ?? ''}`, details: bodyDetails };

  const monitor: WebhookMonitorOutput = { statusCode: response.status, body };
  const progress = config.progressJsonPath ? read(body, config.progressJsonPath, 'progressJsonPath') : undefined;
  if (progress && 'found' in progress && progress.found && progress.value !== null && progress.value !== undefined) {
    monitor.progressMessage = typeof progress.value === 'string' ? progress.value : JSON.stringify(progress.value);
  }
  const value = status.value;
  const text = (typeof value === 'string' ? value : JSON.stringify(value) ?? '').trim();
  const upper = text.toUpperCase();
  if (statusSet(config.successStatuses).has(upper)) return { kind: 'succeeded', monitor };
  if (statusSet(config.canceledStatuses).has(upper)) {
    return { kind: 'failed', reason: `The remote work at ${host} was canceled (status "${text}" is one of canceledStatuses)`, details: bodyDetails, monitor };
  }
  if (statusSet(config.terminalStatuses).has(upper)) {
    return { kind: 'failed', reason: `The remote work at ${host} failed (status "${text}" is one of terminalStatuses)`, details: bodyDetails, monitor };
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    monitor.percentComplete = Math.min(Math.max(value, 0), 100);
    return { kind: value >= 100 ? 'succeeded' : 'running', monitor };
  }
  return { kind: value === true ? 'succeeded' : 'running', monitor };
}

function read(body: unknown, path: string, field: string): JsonPathRead | { problem: string } {
  try {
    return readJsonPath(body, path);
  } catch (err) {
    if (err instanceof JsonPathSyntaxError) return { problem: `${field} ${err.message}` };
    throw err;
  }
}
