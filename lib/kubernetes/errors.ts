import 'server-only';

export type KubernetesFailureKind = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'unreachable' | 'timeout' | 'namespace_not_allowed' | 'unknown';

/** One field the apiserver rejected (`spec.replicas: Invalid value: "x"`). */
export interface FieldCause {
  field: string;
  message: string;
}

/**
 * Every failure leaving lib/kubernetes. Messages are plain words naming the object and the account;
 * they never carry response bodies, headers or tokens (the client's ApiException embeds all three).
 */
export class KubernetesFailure extends Error {
  constructor(
    readonly kind: KubernetesFailureKind,
    message: string,
    readonly causes: FieldCause[] = [],
    /** HTTP status from the apiserver, when there was a response. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'KubernetesFailure';
  }
}

export const isKubernetesFailure = (err: unknown, kind?: KubernetesFailureKind): err is KubernetesFailure =>
  err instanceof KubernetesFailure && (kind === undefined || err.kind === kind);

/** The parts of a metav1.Status body we read. */
interface StatusBody {
  message?: unknown;
  reason?: unknown;
  details?: { causes?: { field?: unknown; message?: unknown; reason?: unknown }[] };
}

const KIND_BY_STATUS: Record<number, KubernetesFailureKind> = { 400: 'invalid', 401: 'forbidden', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 422: 'invalid', 502: 'unreachable', 503: 'unreachable', 504: 'timeout' };

/**
 * Server-side apply answers a field the schema does not declare with a 500 ("failed to create typed
 * patch object (ns/name; apps/v1, Kind=Deployment): .spek: field not declared in schema"); it is the
 * manifest's fault, so report it as invalid with the field.
 */
function typedPatchFailure(message: string | undefined): FieldCause[] | undefined {
  const match = message && /failed to create typed patch object \([^)]*\): (.*)$/s.exec(message);
  if (!match?.[1]) return undefined;
  return match[1].split('\n').map((line) => {
    const m = /^\s*\.?([^:]+): (.*)$/.exec(line);
    return m?.[1] && m[2] ? { field: m[1], message: m[2] } : { field: '', message: line.trim() };
  });
}

function causesOf(body: StatusBody): FieldCause[] {
  return (body.details?.causes ?? []).map((c) => ({
    field: typeof c.field === 'string' ? c.field : '',
    message: typeof c.message === 'string' ? c.message : typeof c.reason === 'string' ? c.reason : 'rejected',
  }));
}

/**
 * A failure from an apiserver response. `what` names the request in words ("applying Deployment web in
 * shop on account prod"). The Status message is kept: it is the apiserver's own sentence about the object
 * (no headers, no credentials), and it names the conflicting field manager for SSA conflicts.
 */
export function failureFromResponse(status: number, body: unknown, what: string): KubernetesFailure {
  const parsed: StatusBody = typeof body === 'object' && body !== null ? (body as StatusBody) : {};
  const serverMessage = typeof parsed.message === 'string' ? parsed.message.slice(0, 2_000) : undefined;
  const typed = status === 500 ? typedPatchFailure(serverMessage) : undefined;
  const kind = typed ? 'invalid' : (KIND_BY_STATUS[status] ?? 'unknown');
  const causes = typed ?? causesOf(parsed);
  const detail = serverMessage ? `: ${serverMessage}` : '';
  switch (kind) {
    case 'forbidden':
      return new KubernetesFailure(kind, `Forbidden ${what}: the account's credentials may not do this${detail}`, causes, status);
    case 'not_found':
      return new KubernetesFailure(kind, `Not found ${what}${detail}`, causes, status);
    case 'conflict':
      return new KubernetesFailure(kind, `Conflict ${what}${detail}`, causes, status);
    case 'invalid':
      return new KubernetesFailure(kind, `Refused ${what}: the cluster says the manifest is invalid${causes.length ? ` (${causes.map((c) => `${c.field}: ${c.message}`).join('; ')})` : detail}`, causes, status);
    case 'timeout':
      return new KubernetesFailure(kind, `Timed out ${what}${detail}`, causes, status);
    default:
      return new KubernetesFailure(kind, `The cluster answered ${status} ${what}${detail}`, causes, status);
  }
}

/** A failure without a response: connection refused or reset, TLS, DNS, or our own deadline. */
export function failureFromException(err: unknown, what: string): KubernetesFailure {
  if (err instanceof KubernetesFailure) return err;
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return new KubernetesFailure('timeout', `Timed out ${what}: the cluster did not answer in time`);
  const code = socketCode(err);
  return new KubernetesFailure('unreachable', `Cannot reach the cluster ${what}${code ? ` (${code})` : ''}`);
}

/** undici wraps the socket error in `cause`; only its code is safe and useful to show. */
function socketCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
  }
  return undefined;
}
