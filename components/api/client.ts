import type { z } from 'zod';
import type { FieldIssue } from '@/lib/errors';

/** An API failure as the UI needs it: the status, the server's message and any per-field issues. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  message?: unknown;
  error?: unknown;
  issues?: unknown;
}

function parseIssues(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { path, message } = item as { path?: unknown; message?: unknown };
    return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', message }] : [];
  });
}

/** Calls Foresail's JSON API and validates the response with the shared DTO schema. */
export async function apiFetch<S extends z.ZodType>(url: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
  const res = await apiRequest(url, init);
  return schema.parse(await res.json());
}

/** Like apiFetch for responses without a body (204). */
export async function apiRequest(url: string, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  if (init?.body !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers, cache: 'no-store' });
  if (res.ok) return res;
  let body: ErrorBody = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // Non-JSON error bodies (proxies, crashes) fall back to the status line below.
  }
  const message = typeof body.message === 'string' ? body.message : `Request failed (${res.status} ${res.statusText})`;
  throw new ApiError(message, res.status, parseIssues(body.issues));
}

/** Field → first message, for forms: combines client-side zod issues and server-side ones. */
export function fieldErrors(issues: ReadonlyArray<{ path: string; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.split(/[.[]/)[0] ?? '';
    out[key] ??= issue.message;
  }
  return out;
}
