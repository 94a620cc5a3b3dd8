import { InputError } from '../errors';
import { dispatch, type DispatchDeps } from './dispatch';
import { dockerTriggerSchema, judgeDockerTrigger, parseDockerHubPush } from './docker';
import { decide, typedTriggers, type TriggerPipeline } from './evaluate';
import { gitTriggerSchema, judgeGitTrigger, parseGitHubPush } from './github';
import { parseWebhookJson } from './raw-body';
import { checkGitHubSignature } from './secrets';
import { judgeWebhookTrigger, parseGenericWebhook, webhookTriggerSchema } from './webhook';

/**
 * The three webhook endpoints, minus HTTP: each validates the delivery, matches it against the
 * saved triggers and dispatches. Bad input throws InputError (400); everything else answers with
 * what happened per pipeline, which senders such as GitHub show in their delivery log.
 */

export interface ReceiveDeps extends DispatchDeps {
  /** Pipelines with at least one trigger of this type. */
  listPipelines(triggerType: string): Promise<TriggerPipeline[]>;
}

export interface WebhookRequest {
  headers: Headers;
  url: URL;
  /** The raw body bytes (signatures are computed over them). */
  body: Uint8Array;
}

export interface WebhookResponse {
  status: number;
  body: Record<string, unknown>;
}

/** Delivery ids are echoed into keys and logs: a conservative alphabet and length. */
const DELIVERY_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function optionalDeliveryId(headers: Headers, name: string): string | undefined {
  const id = headers.get(name);
  if (id === null || id === '') return undefined;
  if (!DELIVERY_ID.test(id)) throw new InputError(`${name} must be 1-128 letters, digits or . _ : -`);
  return id;
}

/** `?token=` or `X-Foresail-Token`: senders that cannot sign present the trigger's secret. */
const tokenOf = (request: WebhookRequest) => request.url.searchParams.get('token') ?? request.headers.get('x-foresail-token');

export async function receiveGitHub(request: WebhookRequest, deps: ReceiveDeps): Promise<WebhookResponse> {
  const event = request.headers.get('x-github-event');
  if (!event) throw new InputError('X-GitHub-Event header is missing: this endpoint receives GitHub webhook deliveries');
  const deliveryId = optionalDeliveryId(request.headers, 'X-GitHub-Delivery');
  if (!deliveryId) throw new InputError('X-GitHub-Delivery header is missing');
  const payload = parseWebhookJson(request.body, request.headers.get('content-type'));
  if (event === 'ping') {
    const hookId = (payload as { hook_id?: unknown } | null)?.hook_id;
    return { status: 200, body: { ok: true, event, delivery: deliveryId, ...(typeof hookId === 'number' ? { hookId } : {}) } };
  }
  if (event !== 'push') {
    const report = await dispatch([], { source: 'github', deliveryId, unwatchedReason: `GitHub event "${event}" does not start pipelines (only push does)`, details: { event } }, deps);
    return { status: 202, body: { event, delivery: deliveryId, ...report } };
  }
  const parsed = parseGitHubPush(payload);
  if ('error' in parsed) throw new InputError(parsed.error, parsed.issues);
  const { push } = parsed;
  const signatures = { sha256: request.headers.get('x-hub-signature-256'), sha1: request.headers.get('x-hub-signature') };
  const decisions = decide(
    await deps.listPipelines('git'),
    (pipeline) => typedTriggers(pipeline.triggers, 'git', gitTriggerSchema),
    (trigger) => judgeGitTrigger(trigger, { push, deliveryId, checkSignature: (secret) => checkGitHubSignature(request.body, secret, signatures) }),
  );
  const repository = `${push.owner}/${push.repo}`;
  const report = await dispatch(
    decisions,
    { source: 'github', deliveryId, unwatchedReason: `no pipeline triggers on ${repository}`, details: { event, repository, branch: push.branch, hash: push.hash } },
    deps,
  );
  return { status: 202, body: { event, delivery: deliveryId, repository, branch: push.branch, ...report } };
}

export async function receiveDockerHub(request: WebhookRequest, deps: ReceiveDeps): Promise<WebhookResponse> {
  const parsed = parseDockerHubPush(parseWebhookJson(request.body, request.headers.get('content-type')));
  if ('error' in parsed) throw new InputError(parsed.error, parsed.issues);
  const { push } = parsed;
  // Docker Hub sends no delivery id; a retry of the same push repeats repository, tag and pushed_at.
  const deliveryId = optionalDeliveryId(request.headers, 'X-Foresail-Delivery') ?? (push.pushedAt !== undefined ? `${push.repository}:${push.tag}:${push.pushedAt}` : undefined);
  const token = tokenOf(request);
  const decisions = decide(
    await deps.listPipelines('docker'),
    (pipeline) => typedTriggers(pipeline.triggers, 'docker', dockerTriggerSchema),
    (trigger) => judgeDockerTrigger(trigger, { push, token }),
  );
  const details = { repository: push.repository, tag: push.tag };
  const report = await dispatch(decisions, { source: 'docker', ...(deliveryId ? { deliveryId } : {}), unwatchedReason: `no pipeline has a docker trigger on ${push.repository}`, details }, deps);
  return { status: 202, body: { event: 'push', ...details, ...report } };
}

const SOURCE = /^[A-Za-z0-9._-]{1,100}$/;

export async function receiveWebhook(source: string, request: WebhookRequest, deps: ReceiveDeps): Promise<WebhookResponse> {
  if (!SOURCE.test(source)) throw new InputError('The webhook source (the last path segment) must be 1-100 letters, digits or . _ -', [{ path: 'source', message: 'must be 1-100 letters, digits or . _ - (the last path segment)' }]);
  const parsed = parseGenericWebhook(parseWebhookJson(request.body, request.headers.get('content-type')));
  if ('error' in parsed) throw new InputError(`Webhook body: ${parsed.error}`, parsed.issues);
  const { event } = parsed;
  const deliveryId = optionalDeliveryId(request.headers, 'X-Foresail-Delivery');
  const token = tokenOf(request);
  const decisions = decide(
    await deps.listPipelines('webhook'),
    (pipeline) => typedTriggers(pipeline.triggers, 'webhook', webhookTriggerSchema),
    (trigger) => judgeWebhookTrigger(trigger, { source, event, token }),
  );
  const report = await dispatch(decisions, { source: 'webhook', ...(deliveryId ? { deliveryId } : {}), unwatchedReason: `no pipeline has a webhook trigger with source "${source}"`, details: { webhookSource: source } }, deps);
  return { status: 202, body: { source, ...report } };
}
