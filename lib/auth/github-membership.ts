import 'server-only';
import { z } from 'zod';
import type { AuthConfig } from '../config/auth-schema';

export type MembershipRule = Pick<NonNullable<AuthConfig['github']>, 'organization' | 'teams'>;

export type MembershipCheck = { ok: true } | { ok: false; reason: 'not_in_organization' | 'github_unavailable'; detail: string };

export const needsMembership = (rule: MembershipRule) => Boolean(rule.organization) || rule.teams.length > 0;

const orgsSchema = z.array(z.object({ login: z.string() }));
const teamsSchema = z.array(z.object({ slug: z.string(), organization: z.object({ login: z.string() }) }));

/** At most this many pages of 100 are read: enough for anyone, bounded for a misbehaving server. */
const maxPages = 20;

/**
 * Whether the holder of this GitHub token (granted `read:org`) is a member of the required
 * organisation and of one of the required teams. Fails closed: an answer GitHub could not give is
 * a refusal. For an OAuth app, GitHub lists only organisations that allow the app
 * (third-party access restrictions), which also counts as "not a member".
 */
export async function checkMembership(apiUrl: string, accessToken: string, rule: MembershipRule): Promise<MembershipCheck> {
  if (!needsMembership(rule)) return { ok: true };
  try {
    if (rule.organization) {
      const orgs = orgsSchema.parse(await readAllPages(`${apiUrl}/user/orgs?per_page=100`, accessToken));
      const wanted = rule.organization.toLowerCase();
      if (!orgs.some((org) => org.login.toLowerCase() === wanted)) return { ok: false, reason: 'not_in_organization', detail: `not a member of ${rule.organization}` };
    }
    if (rule.teams.length > 0) {
      const teams = teamsSchema.parse(await readAllPages(`${apiUrl}/user/teams?per_page=100`, accessToken));
      const held = new Set(teams.map((team) => `${team.organization.login}/${team.slug}`.toLowerCase()));
      if (!rule.teams.some((team) => held.has(team.toLowerCase()))) return { ok: false, reason: 'not_in_organization', detail: `in none of the teams ${rule.teams.join(', ')}` };
    }
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: 'github_unavailable', detail: err instanceof Error ? err.message : 'unknown error' };
  }
}

/** Follows GitHub's `Link: <…>; rel="next"` pagination and concatenates the pages. */
async function readAllPages(firstUrl: string, accessToken: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let url: string | undefined = firstUrl;
  for (let page = 0; url && page < maxPages; page++) {
    const res: Response = await fetch(url, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/vnd.github+json' }, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`GitHub ${new URL(url).pathname} answered ${res.status}`);
    const body: unknown = await res.json();
    if (!Array.isArray(body)) throw new Error(`GitHub ${new URL(url).pathname} did not answer a list`);
    items.push(...(body as unknown[]));
    url = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    // The token goes with every page: never to another host than the configured API.
    if (url && new URL(url).origin !== new URL(firstUrl).origin) throw new Error('GitHub pointed the next page at another host');
  }
  return items;
}
