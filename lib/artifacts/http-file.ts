import 'server-only';
import type { ArtifactAccountConfig } from '../config/artifacts-schema';
import { egressFetchBytes, type EgressPolicy } from '../egress';
import { accountBase, authorizationOf, credentialsOf, isUnderBase } from './accounts';
import { fetchFailure, shownUrl, type ArtifactFetchLimits, type FetchedArtifact } from './result';

/** Spinnaker's http/file: GET the reference URL, with the account's credentials. */
export async function fetchHttpFile(url: string, account: ArtifactAccountConfig, policy: EgressPolicy, limits: ArtifactFetchLimits): Promise<FetchedArtifact> {
  const base = accountBase(account);
  if (!isUnderBase(url, base)) return { error: `${shownUrl(url)} is not under ${base ?? ''}, the base URL of artifact account ${account.name}` };
  const authorization = authorizationOf(await credentialsOf(account));
  try {
    const response = await egressFetchBytes(url, { method: 'GET', headers: authorization ? { authorization } : {}, ...limits }, policy);
    if (response.status !== 200) return { error: `${shownUrl(url)} answered HTTP ${response.status}` };
    return { bytes: Buffer.from(response.body) };
  } catch (err) {
    return fetchFailure(err, url);
  }
}
