/**
 * Domain errors carry an HTTP-ish status and a stable code; lib/http.ts maps them to responses in one
 * place. Messages are written for people: they name the thing that failed and never include secrets.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * True for a DomainError from any bundle's copy of this module (Next bundles routes separately;
 * errors can cross bundles through process-wide singletons).
 */
export function isDomainError(err: unknown): err is DomainError {
  if (err instanceof DomainError) return true;
  if (!(err instanceof Error)) return false;
  const { status, code } = err as { status?: unknown; code?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && typeof code === 'string' && /Error$/.test(err.name);
}

export interface FieldIssue {
  /** Dotted/indexed path, e.g. `stages[3].requisiteStageRefIds[0]`; empty for the whole input. */
  path: string;
  message: string;
}

export class InputError extends DomainError {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message, 'invalid_input', 400);
  }
}

/** Well-formed input that fails validation (422, like schema failures): each issue names its field. */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message, 'invalid_input', 422);
  }
}

export class NotAuthenticatedError extends DomainError {
  constructor(message = 'Sign in to continue') {
    super(message, 'not_authenticated', 401);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(message, 'forbidden', 403);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super(message, 'not_found', 404);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(message, 'conflict', 409);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super(`Request body is larger than the ${limitBytes} byte limit`, 'payload_too_large', 413);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(expected: string) {
    super(`Request body must be ${expected}`, 'unsupported_media_type', 415);
  }
}

/** Formats a zod-style path array as `a.b[2].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (part === '') out += '[""]';
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
