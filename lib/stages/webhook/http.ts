import 'server-only';
import { egressErrorKind } from '../../egress/errors';
import type { EgressRequestInit, EgressResponse, StageServices } from '../types';
import type { WebhookConfig } from './model';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Builds the headers from `customHeaders` (Orca accepts any JSON per header; a list means a repeated header). */
export function buildHeaders(custom: WebhookConfig['customHeaders']): { headers: Record<string, string> } | { problem: string } {
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(custom ?? {})) {
    if (raw === undefined || raw === null) continue;
    if (!TOKEN.test(name)) return { problem: `customHeaders has "${name}", which is not a valid HTTP header name` };
    const value = Array.isArray(raw) ? raw.map(headerText).join(', ') : headerText(raw);
    if (/[\r\n\0]/.test(value)) return { problem: `customHeaders "${name}" contains a line break, which HTTP headers cannot carry` };
    headers[name.toLowerCase()] = value;
  }
  return { headers };
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A JSON body (Orca always sends the payload as JSON); GET and HEAD carry none. */
export function withJsonBody(method: string, headers: Record<string, string>, payload: unknown): EgressRequestInit {
  if (payload === undefined || method === 'GET' || method === 'HEAD') return { method, headers };
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) };
}

/** The body as JSON when it is JSON, else the text as received. */
export function parseBody(response: EgressResponse): unknown {
  const text = response.body;
  const looksJson = (response.headers['content-type'] ?? '').includes('json') || /^\s*[[{]/.test(text);
  if (!looksJson || text.trim() === '') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export type Answer =
  | { kind: 'ok'; response: EgressResponse }
  | { kind: 'retry'; problem: string }
  | { kind: 'fail'; reason: string; details?: string[] };

/**
 * Calls through the egress policy and sorts the outcome as Orca's webhook tasks do: listed
 * fail-fast codes fail; 429, 5xx, listed retry codes, timeouts and network errors are retried;
 * other non-2xx codes and policy refusals fail. Errors that are not egress errors (the worker
 * shutting down) are thrown for the engine to re-run the stage later.
 */
export async function call(services: StageServices, url: string, init: EgressRequestInit, config: WebhookConfig, what: string): Promise<Answer> {
  let response: EgressResponse;
  try {
    response = await services.egressFetch(url, init);
  } catch (err) {
    const kind = egressErrorKind(err);
    if (kind === undefined) throw err;
    const message = (err as Error).message;
    return kind === 'timeout' || kind === 'network' ? { kind: 'retry', problem: message } : { kind: 'fail', reason: message };
  }
  const status = response.status;
  const host = hostOf(response.url || url);
  const details = response.body.trim() ? [`Response body: ${excerpt(response.body)}`] : undefined;
  if (config.failFastStatusCodes?.includes(status)) {
    return { kind: 'fail', reason: `${what} at ${host} answered HTTP ${status}, which is listed in failFastStatusCodes`, details };
  }
  if (status >= 200 && status < 300) return { kind: 'ok', response };
  if (status === 429 || status >= 500 || config.retryStatusCodes?.includes(status)) return { kind: 'retry', problem: `${what} at ${host} answered HTTP ${status}` };
  return { kind: 'fail', reason: `${what} at ${host} answered HTTP ${status}; check the URL, method, headers and payload`, details };
}

export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url.slice(0, 100);
}

export function excerpt(text: string, max = 500): string {
  const flat = text.trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Comma-separated statuses, compared without regard to case or spaces (as Orca does). */
export function statusSet(csv: string | undefined): Set<string> {
  return new Set((csv ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean));
}
