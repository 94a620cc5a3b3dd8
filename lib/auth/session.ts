import 'server-only';
import type { JWT } from 'next-auth/jwt';
import { findApiToken, touchApiToken } from '../db/api-tokens';
import { sessionsRevokedBefore } from '../db/sessions';
import { getConfig } from '../env';
import { ForbiddenError, NotAuthenticatedError } from '../errors';
import { getLogger } from '../log';
import { findDemoPersona } from '../demo/personas';
import { sessionClaimsSchema, type SessionClaims } from './claims';
import { directoryBindsById, groupsRefreshMs, lookupPerson } from './directory';
import { isDirectoryUnavailable, type PersonKey } from './directory-provider';
import { principalForRoles, type SessionUser } from './principal';
import { resolveRoles } from './roles';
import { readSessionToken } from './session-cookie';
import { parseToken, secretMatches, tokenFromAuthorization, tokenUseIsStale } from './token-format';

// "Sign out everywhere" is checked on every request; a short cache keeps that off the database.
// Per process, not per bundle: the route that revokes must clear what pages read.
const globalForSessions = globalThis as unknown as { foresailRevocations?: Map<string, { before: number; at: number }> };
const revocationCache = (globalForSessions.foresailRevocations ??= new Map());
async function revokedBefore(login: string): Promise<number> {
  const hit = revocationCache.get(login);
  if (hit && Date.now() - hit.at < 2000) return hit.before;
  const before = (await sessionsRevokedBefore(login))?.getTime() ?? 0;
  revocationCache.set(login, { before, at: Date.now() });
  return before;
}
export function forgetRevocation(login: string): void {
  revocationCache.delete(login);
}

/**
 * Who is asking: an API token (Authorization: Bearer, or Basic with the token as password) or a
 * session cookie. Null means anonymous — including every malformed, tampered, expired or revoked
 * credential. A request that presents a token is judged by the token alone, never by a cookie.
 */
export async function getPrincipal(headers: Headers, options: PrincipalOptions = {}): Promise<SessionUser | null> {
  const authorization = headers.get('authorization');
  if (authorization) return principalFromToken(authorization, options);
  const token = await readSessionToken(headers);
  return token ? principalFromSession(token, options) : null;
}

export interface PrincipalOptions {
  /** Re-read groups older than this (default and upper bound: the directory's refresh interval, see groupsRefreshMs). */
  groupsMaxAgeMs?: number;
}

async function groupsNow(key: PersonKey, name: string, known: { groups: string[]; at: number } | undefined, options: PrincipalOptions): Promise<{ groups: string[]; error?: string }> {
  const refreshMs = Math.min(groupsRefreshMs(getConfig().auth), options.groupsMaxAgeMs ?? Infinity);
  if (known && Date.now() - known.at < refreshMs) return { groups: known.groups };
  try {
    const found = await lookupPerson(key, refreshMs);
    // The entry must still be this person's: a GitHub id now bound to another entry grants nothing.
    return found.kind === 'found' && found.username === name ? { groups: found.groups } : { groups: [], error: `${name} no longer has an entry in the directory` };
  } catch (err) {
    if (isDirectoryUnavailable(err)) {
      getLogger().warn({ login: name, reason: err.reason }, 'groups could not be refreshed; failing closed');
      return { groups: [], error: 'Your groups could not be read from the directory, so you have no permissions right now. Try again shortly.' };
    }
    throw err;
  }
}

/**
 * How a session's person is found again: by GitHub id when people are bound by id (a session from
 * before id binding carries none and must sign in again), by name in login-binding mode and for demo
 * people (who signed in by name).
 */
function sessionKey(claims: SessionClaims): PersonKey | undefined {
  if (claims.demo || !directoryBindsById(getConfig().auth)) return { username: claims.login };
  return claims.githubId ? { githubId: claims.githubId, githubLogin: claims.githubLogin ?? claims.login } : undefined;
}

async function principalFromSession(payload: JWT, options: PrincipalOptions): Promise<SessionUser | null> {
  const { auth } = getConfig();
  const parsed = sessionClaimsSchema.safeParse(payload);
  if (!parsed.success) return null;
  const claims = parsed.data;
  if (Date.now() - claims.sessionStart > auth.sessionMaxSeconds * 1000) return null;
  if (claims.sessionStart < (await revokedBefore(claims.login))) return null;
  const base = { name: claims.name ?? null, email: claims.email ?? null, via: 'session' as const, ...(claims.githubLogin ? { githubLogin: claims.githubLogin } : {}) };
  // A demo session lives only while demo mode is on, and only for the demo's people.
  if (claims.demo && (!auth.demo || !findDemoPersona(claims.login))) return null;
  const key = sessionKey(claims);
  if (!key) return null;
  const { groups, error } = await groupsNow(key, claims.login, { groups: claims.groups, at: claims.groupsAt }, options);
  return { ...base, login: claims.login, groups, ...resolveRoles(groups, auth.roles), demo: claims.demo === true, ...(error ? { groupsError: error } : {}) };
}

async function principalFromToken(authorization: string, options: PrincipalOptions): Promise<SessionUser | null> {
  const { auth } = getConfig();
  const parsed = parseToken(tokenFromAuthorization(authorization) ?? '');
  if (!parsed) return null;
  const record = await findApiToken(parsed.id);
  if (!record || !secretMatches(parsed.secret, record.secretHash)) return null;
  if (record.revokedAt || new Date(record.expiresAt).getTime() <= Date.now()) return null;
  // Decided from the row just read, so most requests cost this one query; the UPDATE keeps its own
  // staleness guard for concurrent requests.
  if (tokenUseIsStale(record.lastUsedAt, Date.now())) void touchApiToken(record.id).catch(() => undefined);

  // A token never holds more than its owner holds today.
  const owner = await groupsNow({ username: record.owner }, record.owner, undefined, options);
  const ownerRoles = resolveRoles(owner.groups, auth.roles).roles;
  const error = owner.error;
  const roles = record.roles.filter((role) => ownerRoles.includes(role));
  return {
    ...principalForRoles(record.owner, roles, auth.roles),
    name: null,
    email: null,
    groups: [],
    via: 'token',
    demo: false,
    token: { id: record.id, name: record.name },
    ...(error ? { groupsError: error } : {}),
  };
}

/**
 * For API routes: the caller, or 401. Browser sessions must also pass the same-origin check on
 * anything but GET/HEAD (CSRF); tokens are not sent automatically by browsers, so they need none.
 */
export async function requireUser(req: Request): Promise<SessionUser> {
  const user = await getPrincipal(req.headers);
  if (!user) throw new NotAuthenticatedError('Sign in, or send an API token (Authorization: Bearer …)');
  if (user.via === 'session' && req.method !== 'GET' && req.method !== 'HEAD') assertSameOrigin(req);
  return user;
}

export function assertSameOrigin(req: Request): void {
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw new ForbiddenError('Cross-site request refused');
  const origin = req.headers.get('origin') ?? originOf(req.headers.get('referer'));
  if (!origin) throw new ForbiddenError('Request refused: no Origin header. Browsers send one; scripts should use an API token instead of a session cookie.');
  const allowed = new Set<string>();
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  const proto = req.headers.get('x-forwarded-proto') ?? new URL(req.url).protocol.replace(':', '');
  if (host) allowed.add(`${proto}://${host}`);
  allowed.add(new URL(req.url).origin);
  const configured = getConfig().server.baseUrl;
  if (configured) allowed.add(new URL(configured).origin);
  if (!allowed.has(origin)) throw new ForbiddenError('Cross-origin request refused');
}

function originOf(referer: string | null): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
