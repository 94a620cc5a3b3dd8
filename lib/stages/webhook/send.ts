import 'server-only';
import { JsonPathSyntaxError, readJsonPath } from '../../pipeline/json-path';
import { taskSequence } from '../tasks';
import type { EgressResponse } from '../types';
import { buildHeaders, call, excerpt, parseBody, withJsonBody } from './http';
import { LIMITS, TASKS, webhookOutputs, type WebhookConfig, type WebhookContext, type WebhookResult, type WebhookState } from './model';

/** The request phase: send (or resend after a retryable failure), then finish or move on to monitoring. */
export async function sendRequest(ctx: WebhookContext, state: WebhookState): Promise<WebhookResult> {
  const { config } = ctx.stage;
  const waits = config.waitForCompletion === true;
  const names = waits ? [TASKS.call, TASKS.monitor] : [TASKS.call];
  const fail = (reason: string, details?: string[], outputs?: Record<string, unknown>): WebhookResult => ({
    status: 'failed',
    reason,
    ...(details ? { details } : {}),
    ...(outputs ? { outputs } : {}),
    tasks: taskSequence(names, 0, 'TERMINAL'),
  });

  const built = buildHeaders(config.customHeaders);
  if ('problem' in built) return fail(built.problem);
  // A key the author set explicitly wins (some receivers want their own format).
  const headers = { 'idempotency-key': state.idempotencyKey, ...built.headers };
  const method = config.method ?? 'POST';
  const answer = await call(ctx.services, config.url, withJsonBody(method, headers, config.payload), config, 'The webhook');
  if (answer.kind === 'fail') return fail(answer.reason, answer.details);
  if (answer.kind === 'retry') {
    const failedAttempts = state.failedAttempts + 1;
    if (failedAttempts >= LIMITS.maxAttempts) return fail(`${answer.problem}; gave up after ${LIMITS.maxAttempts} attempts`);
    ctx.log.info({ stageId: ctx.stage.id, failedAttempts, problem: answer.problem }, 'webhook: retrying');
    return { status: 'running', state: { ...state, failedAttempts }, pollAfterMs: backoffMs(failedAttempts), tasks: taskSequence(names, 0, 'RUNNING') };
  }

  const body = parseBody(answer.response);
  const answered: WebhookState = { ...state, response: { statusCode: answer.response.status, body } };
  if (!waits) return { status: 'succeeded', outputs: webhookOutputs(answered), tasks: taskSequence(names, 1, 'SUCCEEDED') };
  const statusUrl = resolveStatusUrl(config, answer.response, body);
  if ('problem' in statusUrl) return fail(statusUrl.problem, statusUrl.details, webhookOutputs(answered));
  const monitoring: WebhookState = { ...answered, phase: 'monitor', statusUrl: statusUrl.url };
  return {
    status: 'running',
    state: monitoring,
    pollAfterMs: (config.waitBeforeMonitor ?? 0) * 1_000,
    outputs: webhookOutputs(monitoring),
    tasks: taskSequence(names, 1, 'RUNNING'),
  };
}

/** 2 s, 4 s, 8 s… capped, so a struggling receiver is not hammered. */
function backoffMs(failedAttempts: number): number {
  return Math.min(LIMITS.firstBackoffMs * 2 ** (failedAttempts - 1), LIMITS.maxBackoffMs);
}

type StatusUrl = { url: string } | { problem: string; details?: string[] };

/** Where to poll: the same URL (getMethod), the Location header, or a URL inside the response body. */
export function resolveStatusUrl(config: WebhookConfig, response: EgressResponse, body: unknown): StatusUrl {
  const base = response.url || config.url;
  const absolute = (value: string, from: string): StatusUrl =>
    URL.canParse(value, base) ? { url: new URL(value, base).href } : { problem: `The status URL from ${from} ("${excerpt(value, 200)}") is not a valid URL` };
  switch (config.statusUrlResolution ?? 'getMethod') {
    case 'getMethod':
      return { url: config.url };
    case 'locationHeader': {
      const location = response.headers.location;
      if (!location) return { problem: `statusUrlResolution is locationHeader, but the webhook's response (HTTP ${response.status}) has no Location header` };
      return absolute(location, 'the Location header');
    }
    case 'webhookResponse': {
      const path = config.statusUrlJsonPath ?? '';
      let read;
      try {
        read = readJsonPath(body, path);
      } catch (err) {
        if (err instanceof JsonPathSyntaxError) return { problem: `statusUrlJsonPath ${err.message}` };
        throw err;
      }
      if (!read.found || typeof read.value !== 'string' || read.value.trim() === '') {
        return { problem: `The webhook's response has no status URL at statusUrlJsonPath ${path}`, details: [`Response body: ${excerpt(response.body)}`] };
      }
      return absolute(read.value.trim(), `statusUrlJsonPath ${path}`);
    }
  }
}
