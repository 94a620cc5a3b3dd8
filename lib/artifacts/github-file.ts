import 'server-only';
import { z } from 'zod';
import type { ArtifactAccountConfig } from '../config/artifacts-schema';
import { egressFetch, type EgressPolicy } from '../egress';
import { accountBase, authorizationOf, credentialsOf, isUnderBase } from './accounts';
import { fetchFailure, shownUrl, type ArtifactFetchLimits, type FetchedArtifact } from './result';

const contentsSchema = z.looseObject({ type: z.string(), encoding: z.string().optional(), content: z.string().optional() });

/**
 * Spinnaker's github/file: the reference is a contents API URL
 * (`{baseUrl}/repos/{owner}/{repo}/contents/{path}`), `version` the branch, tag or commit. Answered
 * as JSON with the file base64-encoded (GitHub's default media type).
 */
export async function fetchGitHubFile(reference: string, version: string | undefined, account: ArtifactAccountConfig, policy: EgressPolicy, limits: ArtifactFetchLimits): Promise<FetchedArtifact> {
  const base = accountBase(account);
  if (!isUnderBase(reference, base) || !/\/repos\/[^/]+\/[^/]+\/contents\/./.test(new URL(reference).pathname)) {
    return { error: `${shownUrl(reference)} is not a contents URL of artifact account ${account.name}'s GitHub (${base ?? ''}/repos/OWNER/REPO/contents/PATH)` };
  }
  const url = new URL(reference);
  if (version) url.searchParams.set('ref', version);
  // GitHub's REST API takes `token` and `Bearer` alike; `token` also suits older Enterprise servers.
  const authorization = authorizationOf(await credentialsOf(account), 'token');
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', ...(authorization ? { authorization } : {}) };
  try {
    const response = await egressFetch(url.href, { method: 'GET', headers, ...limits }, policy);
    if (response.status === 404) return { error: `GitHub has no file ${shownUrl(reference)}${version ? ` at ${version}` : ''} (or artifact account ${account.name} may not read the repository)` };
    if (response.status !== 200) return { error: `GitHub answered HTTP ${response.status} for ${shownUrl(reference)}` };
    const parsed = contentsSchema.safeParse(JSON.parse(response.body));
    if (!parsed.success) return { error: `${shownUrl(reference)} is a folder, not a file` };
    const { type, encoding, content } = parsed.data;
    if (type !== 'file') return { error: `${shownUrl(reference)} is a ${type}, not a file` };
    // GitHub leaves content empty (encoding "none") for files over 1 MB.
    if (encoding !== 'base64' || content === undefined) return { error: `GitHub did not send the content of ${shownUrl(reference)} (files over 1 MB are not sent inline)` };
    return { bytes: Buffer.from(content, 'base64') };
  } catch (err) {
    if (err instanceof SyntaxError) return { error: `GitHub's answer for ${shownUrl(reference)} is not JSON` };
    return fetchFailure(err, reference);
  }
}
