// GitHub's rule for a redirect_uri against the OAuth app's registered callback URL
// (https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#redirect-urls):
// same host (sub-domains allowed) and port, and a path at or below the callback's path. Loopback
// callbacks accept any port.

// Loopback literals only: GitHub points to RFC 8252, which advises against `localhost`.
const LOOPBACK = new Set(['127.0.0.1', '[::1]']);

const isSameOrSubdomain = (host: string, of: string) => host === of || host.endsWith(`.${of}`);

const isPathWithin = (path: string, base: string) =>
  path === base || base === '/' || path.startsWith(base.endsWith('/') ? base : `${base}/`);

export function isRedirectAllowed(callbackUrl: string, redirectUri: string): boolean {
  let callback: URL;
  let redirect: URL;
  try {
    callback = new URL(callbackUrl);
    redirect = new URL(redirectUri);
  } catch {
    return false;
  }
  if (!isSameOrSubdomain(redirect.hostname, callback.hostname)) return false;
  const portMatters = !(LOOPBACK.has(callback.hostname) && LOOPBACK.has(redirect.hostname));
  if (portMatters && redirect.port !== callback.port) return false;
  return isPathWithin(redirect.pathname, callback.pathname);
}
