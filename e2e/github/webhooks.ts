// Sends webhook deliveries the way GitHub does, so tests can exercise Foresail's webhook endpoint:
// headers from https://docs.github.com/webhooks/webhook-events-and-payloads#delivery-headers, signatures
// from https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries.
import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { DEFAULT_HOOK_ID } from './payloads.ts';

export type SignatureAlgorithm = 'sha256' | 'sha1';

export interface WebhookDelivery {
  url: string;
  /** The webhook's secret; without one GitHub sends no signature headers at all. */
  secret?: string;
  /** X-GitHub-Event, e.g. "push" or "ping". */
  event: string;
  /** Serialised as compact JSON. A string is sent as is (already-serialised or deliberately broken). */
  payload: unknown;
  /** X-GitHub-Delivery; a fresh UUID by default. Reuse one to test redelivery handling. */
  deliveryId?: string;
  /** sha256 → X-Hub-Signature-256 (default); sha1 → legacy X-Hub-Signature. GitHub itself sends both. */
  signatures?: SignatureAlgorithm[];
  /** Sign the real body, then send an altered one (still valid JSON): the receiver must refuse it. */
  tamper?: boolean;
  /** X-GitHub-Hook-ID; also the ping payload's hook_id. */
  hookId?: number;
  /** Extra or overriding headers (any letter case); null removes one, e.g. the event name. */
  headers?: Record<string, string | null>;
}

export interface WebhookResponse {
  status: number;
  body: string;
  deliveryId: string;
}

/** GitHub gives up on a delivery after 10 seconds. */
const DELIVERY_TIMEOUT_MS = 10_000;

const headerOf: Record<SignatureAlgorithm, string> = { sha256: 'X-Hub-Signature-256', sha1: 'X-Hub-Signature' };

/** The header value GitHub sends: "<algorithm>=<HMAC hex digest of the exact body bytes>". */
export const signWebhookBody = (body: Uint8Array | string, secret: string, algorithm: SignatureAlgorithm = 'sha256') =>
  `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;

const utf8 = new TextEncoder();
const serialise = (payload: unknown) => utf8.encode(typeof payload === 'string' ? payload : JSON.stringify(payload));

/** Adds a field to a JSON object body (or a trailing space to anything else), so the signature no longer fits. */
function tampered(body: Uint8Array): Uint8Array<ArrayBuffer> {
  const text = new TextDecoder().decode(body);
  const altered = /^\{[\s\S]*\}$/.test(text.trim()) && text.trim() !== '{}' ? text.replace(/\}\s*$/, ',"tampered":true}') : `${text} `;
  return utf8.encode(altered);
}

/** Repository id of a repository event, for X-GitHub-Hook-Installation-Target-ID. */
function repositoryId(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || !('repository' in payload)) return undefined;
  const { repository } = payload;
  if (typeof repository !== 'object' || repository === null || !('id' in repository)) return undefined;
  return String(repository.id);
}

export async function sendGitHubWebhook(opts: WebhookDelivery): Promise<WebhookResponse> {
  const signed = serialise(opts.payload);
  const deliveryId = opts.deliveryId ?? randomUUID();
  const headers = new Headers({
    Accept: '*/*',
    'Content-Type': 'application/json',
    'User-Agent': `GitHub-Hookshot/${randomInt(0x1000000, 0xfffffff).toString(16)}`,
    'X-GitHub-Delivery': deliveryId,
    'X-GitHub-Event': opts.event,
    'X-GitHub-Hook-ID': String(opts.hookId ?? DEFAULT_HOOK_ID),
    'X-GitHub-Hook-Installation-Target-Type': 'repository',
  });
  const targetId = repositoryId(opts.payload);
  if (targetId !== undefined) headers.set('X-GitHub-Hook-Installation-Target-ID', targetId);
  if (opts.secret !== undefined) {
    for (const algorithm of opts.signatures ?? ['sha256']) headers.set(headerOf[algorithm], signWebhookBody(signed, opts.secret, algorithm));
  }
  for (const [name, value] of Object.entries(opts.headers ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }

  const res = await fetch(opts.url, {
    method: 'POST',
    headers,
    body: opts.tamper ? tampered(signed) : signed,
    redirect: 'manual', // GitHub does not follow redirects on deliveries
    signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
  });
  return { status: res.status, body: await res.text(), deliveryId };
}
