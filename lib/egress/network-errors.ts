import 'server-only';
import { EgressError, EgressNetworkError } from './errors';

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing is listening on that port)',
  ECONNRESET: 'the connection was reset by the other side',
  EHOSTUNREACH: 'the host is unreachable from Foresail',
  ENETUNREACH: 'the network is unreachable from Foresail',
  ETIMEDOUT: 'connecting timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  UND_ERR_HEADERS_OVERFLOW: 'the response headers are too large',
  EPIPE: 'the connection closed while sending the request',
};

/** A socket, TLS or protocol failure as a plain sentence naming the host (never the request). */
export function describeNetworkError(err: unknown, host: string): EgressError {
  if (err instanceof EgressError) return err;
  const found = findCode(err);
  if (found && SOCKET_REASONS[found]) return new EgressNetworkError(`Calling ${host} failed: ${SOCKET_REASONS[found]}`);
  if (found && (found.includes('CERT') || found.startsWith('ERR_TLS') || found.startsWith('ERR_SSL'))) {
    return new EgressNetworkError(`Calling ${host} failed: its TLS certificate was not accepted (${found})`);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new EgressNetworkError(`Calling ${host} failed: ${found ? `${found}: ` : ''}${message}`);
}

/** The first error code on the error or its causes (undici wraps socket errors; net wraps Happy Eyeballs attempts). */
function findCode(err: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof err !== 'object' || err === null) return undefined;
  const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code !== 'UND_ERR') return code;
  if (Array.isArray(errors)) for (const inner of errors) {
    const innerCode = findCode(inner, depth + 1);
    if (innerCode) return innerCode;
  }
  return findCode(cause, depth + 1);
}
