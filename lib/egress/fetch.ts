import 'server-only';
import type { LookupFunction } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import { readResponseBytes } from './body';
import { decodeUtf8 } from '../limited-body';
import { EgressNetworkError, EgressTimeoutError } from './errors';
import { checkEgressTarget, type CheckedTarget, type EgressPolicy, type ResolvedAddress } from './policy';
import { describeNetworkError } from './network-errors';

/** Structurally the same as `EgressRequestInit` in lib/stages/types.ts, plus the caller's abort signal. */
export interface EgressFetchInit {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  /** Total time for the call, redirects included (default 10 s). */
  timeoutMs?: number;
  /** Largest response body read (default 1 MiB); larger fails with EgressTooLargeError. */
  maxResponseBytes?: number;
  /** Aborts the call (worker shutdown); the abort reason is thrown as is. */
  signal?: AbortSignal;
  /** Server certificate checks for this call (an account's private CA); Node's CAs and full checks by default. */
  tls?: EgressTlsOptions;
}

export interface EgressTlsOptions {
  /** PEM of the CA(s) that sign the server's certificate, instead of Node's bundled CAs. */
  ca?: string;
  /** false accepts any certificate (test setups only; an administrator's explicit choice per account). */
  rejectUnauthorized?: boolean;
}

export interface EgressFetchResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The final URL after redirects. */
  url: string;
}

export const EGRESS_DEFAULTS = { timeoutMs: 10_000, maxResponseBytes: 1024 * 1024, maxRedirects: 5 } as const;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/**
 * What still goes along when a redirect leaves the origin: the body's type (when the body does) and
 * the encoding Foresail asks for. Every other header the caller set may be a credential for the
 * original host (X-Api-Key, a signed payload's digest, a webhook secret), so none of them follows —
 * stricter than browsers, which drop only Authorization and cookies.
 */
const CROSS_ORIGIN_HEADERS = new Set(['content-type', 'accept-encoding']);
/**
 * Set from the URL and body by the HTTP client, never by the caller: a caller's Host would make the
 * request name a different site than the one the policy checked and connected to.
 */
const CONNECTION_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'proxy-connection']);

/**
 * HTTP to a user-chosen URL (webhooks, notifications, metric sources) under the egress policy. Each
 * hop is checked (checkEgressTarget) and then connected to the very addresses that were checked, so
 * a DNS answer that changes between check and connect (rebinding) cannot redirect the call. Only the
 * caller's headers are sent: nothing of Foresail's own identity or credentials is added.
 */
export async function egressFetch(rawUrl: string, init: EgressFetchInit, policy: EgressPolicy): Promise<EgressFetchResponse> {
  const response = await egressFetchBytes(rawUrl, init, policy);
  return { ...response, body: decodeUtf8(response.body) };
}

/** egressFetch with the body as bytes (artifacts such as a packaged chart are not text). */
export async function egressFetchBytes(rawUrl: string, init: EgressFetchInit, policy: EgressPolicy): Promise<Omit<EgressFetchResponse, 'body'> & { body: Uint8Array }> {
  const timeoutMs = init.timeoutMs ?? EGRESS_DEFAULTS.timeoutMs;
  const maxBytes = init.maxResponseBytes ?? EGRESS_DEFAULTS.maxResponseBytes;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
  let hop = { url: rawUrl, method: init.method.toUpperCase(), headers: callerHeaders(init.headers ?? {}), body: init.body };
  hop.headers['accept-encoding'] ??= 'identity';

  for (let redirects = 0; ; redirects++) {
    const host = hostOf(hop.url);
    const target = await untilAborted(checkEgressTarget(hop.url, policy), signal, host, timeoutMs, init.signal);
    const agent = pinnedAgent(target.addresses, init.tls);
    try {
      const response = await untilAborted(send(agent, target, hop, signal), signal, host, timeoutMs, init.signal);
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode) && typeof location === 'string') {
        response.body.resume();
        if (redirects >= EGRESS_DEFAULTS.maxRedirects) {
          throw new EgressNetworkError(`${target.url.host} redirected more than ${EGRESS_DEFAULTS.maxRedirects} times; call the final URL directly`);
        }
        hop = nextHop(hop, target.url, location, response.statusCode);
        continue;
      }
      // A HEAD answer declares the size of a body it does not send.
      const declared = hop.method === 'HEAD' ? undefined : response.headers['content-length'];
      const body = await untilAborted(readResponseBytes(response.body, maxBytes, target.url.host, typeof declared === 'string' ? declared : undefined), signal, host, timeoutMs, init.signal);
      return { status: response.statusCode, headers: flattenHeaders(response.headers), body, url: target.url.href };
    } finally {
      void agent.destroy().catch(() => undefined);
    }
  }
}

interface Hop {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function send(agent: Agent, target: CheckedTarget, hop: Hop, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
  return request(target.url, {
    dispatcher: agent,
    method: hop.method as Dispatcher.HttpMethod,
    headers: hop.headers,
    body: hop.body,
    signal,
  });
}

/** An agent whose only way to resolve a name is to return the addresses the policy already checked. */
function pinnedAgent(addresses: ResolvedAddress[], tls: EgressTlsOptions | undefined): Agent {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    const usable = family === 0 ? addresses : addresses.filter((a) => a.family === family);
    const first = usable[0];
    if (!first) {
      callback(Object.assign(new Error('No checked address of the requested family'), { code: 'ENOTFOUND' }), '', 0);
      return;
    }
    if (options.all) callback(null, usable);
    else callback(null, first.address, first.family);
  };
  const certificates = tls ? { ...(tls.ca !== undefined ? { ca: tls.ca } : {}), ...(tls.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}) } : {};
  return new Agent({ connect: { lookup, ...certificates }, allowH2: false, pipelining: 0 });
}

function nextHop(hop: Hop, from: URL, location: string, status: number): Hop {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new EgressNetworkError(`${from.host} redirected to "${location.slice(0, 200)}", which is not a valid URL`);
  }
  const sameOrigin = next.origin === from.origin;
  // As fetch does: 303 always, and 301/302 after a POST, continue as a GET without the body.
  const toGet = (status === 303 && hop.method !== 'HEAD') || ((status === 301 || status === 302) && hop.method === 'POST');
  const kept = ([name]: [string, string]) => (sameOrigin || CROSS_ORIGIN_HEADERS.has(name)) && !(toGet && (name === 'content-type' || name === 'content-length'));
  const headers = Object.fromEntries(Object.entries(hop.headers).filter(kept));
  return toGet ? { url: next.href, method: 'GET', headers, body: undefined } : { ...hop, url: next.href, headers };
}

/**
 * Runs one step of the call, turning an abort into the right error: our deadline → EgressTimeoutError,
 * the caller's signal → its own reason, and any socket/TLS failure → EgressNetworkError.
 */
async function untilAborted<T>(step: Promise<T>, signal: AbortSignal, host: string, timeoutMs: number, callerSignal: AbortSignal | undefined): Promise<T> {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error('aborted'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([step, aborted]);
  } catch (err) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (signal.aborted) throw new EgressTimeoutError(`${host} did not answer completely within ${formatSeconds(timeoutMs)}`);
    throw describeNetworkError(err, host);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    step.catch(() => undefined);
  }
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url.slice(0, 100);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function callerHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]).filter(([name = '']) => !CONNECTION_HEADERS.has(name)));
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
