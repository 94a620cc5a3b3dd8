import type { ForesailConfig } from './schema';

const wildcard = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The address people use to reach Foresail: server.baseUrl, else the address the server listens on
 * (http://127.0.0.1:3000 by default — what Next.js's start-up banner prints too, so the terminal names
 * one URL), or http://localhost:PORT when it listens on every interface.
 */
export function publicBaseUrl(server: Pick<ForesailConfig['server'], 'baseUrl' | 'host' | 'port'>): string {
  if (server.baseUrl) return server.baseUrl.replace(/\/+$/, '');
  const host = wildcard.has(server.host) ? 'localhost' : server.host.includes(':') && !server.host.startsWith('[') ? `[${server.host}]` : server.host;
  return `http://${host}:${server.port}`;
}

const loopbackName = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Where to send a browser that reached Foresail under another loopback name than the public one
 * (localhost vs 127.0.0.1): cookies are per host name, so signing in there would loop back to the
 * sign-in page. Undefined when no redirect is needed, or for any non-loopback setup (a proxy may
 * rewrite Host, and redirecting it could loop). Used by the sign-in page, not proxy.ts: Next.js turns
 * a proxy redirect to the host it listens on into a relative one, which would loop.
 */
export function canonicalLoopbackRedirect(publicUrl: string, requestUrl: URL, hostHeader: string | null): URL | undefined {
  const canonical = new URL(publicUrl);
  if (!hostHeader || !loopbackName.test(canonical.hostname)) return undefined;
  let requested: URL;
  try {
    requested = new URL(`${canonical.protocol}//${hostHeader}`);
  } catch {
    return undefined; // not a host name at all: nothing to redirect to
  }
  if (!loopbackName.test(requested.hostname) || requested.port !== canonical.port || requested.hostname === canonical.hostname) return undefined;
  return new URL(`${requestUrl.pathname}${requestUrl.search}`, canonical);
}
