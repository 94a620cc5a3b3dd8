import { createHash } from 'node:crypto';
import { clientAddress } from '../request-meta';
import { InputError } from '../errors';
import { dispatch, type DispatchDeps, type DispatchReport } from './dispatch';
import { dockerTriggerSchema, judgeDockerTrigger, parseDockerHubPush } from './docker';
import { decide, typedTriggers, type PipelineDecision, type TriggerPipeline } from './evaluate';
import { gitTriggerSchema, judgeGitTrigger, parseGitHubPush } from './github';
import type { Admission } from './rate-limit';
import { parseWebhookJson } from './raw-body';
import { checkGitHubSignature } from './secrets';
import { judgeWebhookTrigger, parseGenericWebhook, webhookTriggerSchema } from './webhook';

/**
 * The three webhook endpoints, minus HTTP: each admits the sender (rate limit), validates the
 * delivery, matches it against the saved triggers and dispatches. Bad input throws InputError (400).
 * The endpoints are anonymous, so the sender is told only how many pipelines accepted or refused
 * the delivery; which ones and why go to the trigger-attempts log (and `report`, for callers).
 */

export interface SignedBodyClaim {
  source: string;
  /** SHA-256 of the raw body, hex. */
  bodyHash: string;
  deliveryId: string;
}

export interface ReceiveDeps extends DispatchDeps {
  /** Pipelines with at least one trigger of this type. */
  listPipelines(triggerType: string): Promise<TriggerPipeline[]>;
  /** Takes one request from the sender's and the endpoint's rate limit. */
  admit(endpoint: string, sender: string | null): Admission;
  /**
   * Records that a signed body was accepted under this delivery id; when the same body was
   * accepted under another id in the last 24 h, answers that one (a replay), and records nothing.
   */
  claimSignedBody(claim: SignedBodyClaim): Promise<{ deliveryId: string; at: string } | undefined>;
}

export interface WebhookRequest {
  headers: Headers;
  url: URL;
  /** The raw body bytes (signatures are computed over them). */
  body: Uint8Array;
}

export interface WebhookResponse {
  status: number;
  /** What the anonymous sender is told. */
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** What happened per pipeline: for the caller (tests, logs), never sent to the sender. */
  report?: DispatchReport;
}

/** Accepted: the delivery started, queued or had already started a run. Refused: it would have, but was not allowed. */
export function anonymousAnswer(report: DispatchReport): { accepted: number; refused: number } {
  const count = (outcomes: string[]) => report.results.filter((r) => outcomes.includes(r.outcome)).length;
  return { accepted: count(['started', 'queued', 'duplicate']), refused: count(['refused']) };
}

const answer = (report: DispatchReport): WebhookResponse => ({ status: 202, body: anonymousAnswer(report), report });

function limited(endpoint: string, request: WebhookRequest, deps: ReceiveDeps): WebhookResponse | undefined {
  const admission = deps.admit(endpoint, clientAddress(request.headers));
  if (admission.ok) return undefined;
  return { status: 429, body: { error: 'rate_limited', message: admission.reason }, headers: { 'Retry-After': String(admission.retryAfterSeconds) } };
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

/**
 * A signed body accepted under one delivery id and sent again under another is a replay (someone
 * who captured it, not GitHub: a redelivery keeps its id, which the engine de-duplicates).
 */
async function refuseReplays(decisions: PipelineDecision[], claim: SignedBodyClaim, deps: ReceiveDeps): Promise<PipelineDecision[]> {
  if (!decisions.some((d) => d.kind === 'start')) return decisions;
  const first = await deps.claimSignedBody(claim);
  if (!first) return decisions;
  const reason = `replayed: this signed body was already accepted as delivery ${first.deliveryId} at ${first.at}; a new delivery id does not make it a new push`;
  return decisions.map((d) => (d.kind === 'start' ? { kind: 'refused', pipeline: d.pipeline, reason } : d));
}

export async function receiveGitHub(request: WebhookRequest, deps: ReceiveDeps): Promise<WebhookResponse> {
  const refused = limited('github', request, deps);
  if (refused) return refused;
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
    return answer(await dispatch([], { source: 'github', deliveryId, unwatchedReason: `GitHub event "${event}" does not start pipelines (only push does)`, details: { event } }, deps));
  }
  const parsed = parseGitHubPush(payload);
  if ('error' in parsed) throw new InputError(parsed.error, parsed.issues);
  const { push } = parsed;
  const signatures = { sha256: request.headers.get('x-hub-signature-256'), sha1: request.headers.get('x-hub-signature') };
  const decisions = decide(
    await deps.listPipelines('git'),
    (pipeline) => typedTriggers(pipeline.triggers, 'git', gitTriggerSchema),
    (trigger) => judgeGitTrigger(trigger, { push, deliveryId, checkSignature: (secret, allowUnsigned) => checkGitHubSignature(request.body, secret, signatures, allowUnsigned) }),
  );
  const signed = signatures.sha256 !== null || signatures.sha1 !== null;
  const checked = signed ? await refuseReplays(decisions, { source: 'github', bodyHash: createHash('sha256').update(request.body).digest('hex'), deliveryId }, deps) : decisions;
  const repository = `${push.owner}/${push.repo}`;
  const details = { event, repository, branch: push.branch, hash: push.hash };
  return answer(await dispatch(checked, { source: 'github', deliveryId, unwatchedReason: `no pipeline triggers on ${repository}`, details }, deps));
}

export async function receiveDockerHub(request: WebhookRequest, deps: ReceiveDeps): Promise<WebhookResponse> {
  const refused = limited('docker', request, deps);
  if (refused) return refused;
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
  return answer(await dispatch(decisions, { source: 'docker', ...(deliveryId ? { deliveryId } : {}), unwatchedReason: `no pipeline has a docker trigger on ${push.repository}`, details }, deps));
}

const SOURCE = /^[A-Za-z0-9._-]{1,100}$/;

export async function receiveWebhook(source: string, request: WebhookRequest, deps: ReceiveDeps): Promise<WebhookResponse> {
  if (!SOURCE.test(source)) throw new InputError('The webhook source (the last path segment) must be 1-100 letters, digits or . _ -', [{ path: 'source', message: 'must be 1-100 letters, digits or . _ - (the last path segment)' }]);
  const refused = limited('webhook', request, deps);
  if (refused) return refused;
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
  return answer(await dispatch(decisions, { source: 'webhook', ...(deliveryId ? { deliveryId } : {}), unwatchedReason: `no pipeline has a webhook trigger with source "${source}"`, details: { webhookSource: source } }, deps));
}
