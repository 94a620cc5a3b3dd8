// Drives the stand-in with the OAuth client next-auth v4 itself uses (its own copy of openid-client 5),
// making the same calls as next-auth/providers/github: the code exchange with HTTP Basic client
// credentials, GET /user with `Bearer`, then GET /user/emails with `token` when the email is private.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startGitHubStandIn, type GitHubStandIn } from './server.ts';
import { signInAs } from './sign-in.ts';
import { gitHubEmailSchema } from './users.ts';

interface TokenSet {
  access_token?: string;
  token_type?: string;
  scope?: string;
}
interface OpenIdClient {
  authorizationUrl(params: Record<string, string>): string;
  callbackParams(url: string): Record<string, string>;
  oauthCallback(redirectUri: string, params: Record<string, string>, checks: { state?: string }): Promise<TokenSet>;
  userinfo(accessToken: string): Promise<Record<string, unknown>>;
}
interface OpenIdClientModule {
  Issuer: new (metadata: Record<string, string>) => { Client: new (metadata: Record<string, unknown>) => OpenIdClient };
}

// next-auth's package exports hide its node_modules, so resolve openid-client from next-auth's own folder.
const require = createRequire(import.meta.url);
const openid: OpenIdClientModule = require(require.resolve('openid-client', { paths: [require.resolve('next-auth')] }));

const CALLBACK = 'http://127.0.0.1:3000/api/auth/callback/github';
let gh: GitHubStandIn;
let client: OpenIdClient;

beforeAll(async () => {
  gh = await startGitHubStandIn();
  const issuer = new openid.Issuer({
    issuer: `${gh.url}/login/oauth`,
    authorization_endpoint: `${gh.url}/login/oauth/authorize`,
    token_endpoint: `${gh.url}/login/oauth/access_token`,
    userinfo_endpoint: `${gh.url}/user`,
  });
  client = new issuer.Client({ client_id: gh.clientId, client_secret: gh.clientSecret, redirect_uris: [CALLBACK] });
});
afterAll(() => gh.stop());

async function signIn(login: string) {
  const back = await signInAs(client.authorizationUrl({ scope: 'read:user user:email', state: 'nx-state' }), login);
  return { tokens: await client.oauthCallback(CALLBACK, client.callbackParams(back.toString()), { state: 'nx-state' }), back };
}

describe('next-auth v4 OAuth client against the stand-in', () => {
  it('signs alice in and reads her profile', async () => {
    const { tokens } = await signIn('alice');
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'read:user,user:email' });
    const profile = await client.userinfo(tokens.access_token ?? '');
    expect(profile).toMatchObject({ id: 1001, login: 'alice', name: 'Alice Admin', email: 'alice@foresail.test' });
  });

  it('finds a private email the way the GitHub provider does', async () => {
    const { tokens } = await signIn('dave');
    const profile = await client.userinfo(tokens.access_token ?? '');
    expect(profile.email).toBeNull();
    const res = await fetch(`${gh.url}/user/emails`, { headers: { Authorization: `token ${tokens.access_token}` } });
    expect(res.ok).toBe(true);
    const emails = z.array(gitHubEmailSchema).parse(await res.json());
    expect((emails.find((e) => e.primary) ?? emails[0])?.email).toBe('dave@foresail.test');
  });

  // Worth knowing for the login code: GitHub answers a bad code with 200 and an error body, and
  // openid-client 5 only throws on non-200, so it resolves with the error and no access_token. next-auth
  // then fails later ("no access token provided") unless the provider's token.request checks `error`.
  it('resolves a reused code to a token set carrying bad_verification_code and no access token', async () => {
    const { back } = await signIn('bob');
    const again = await client.oauthCallback(CALLBACK, client.callbackParams(back.toString()), { state: 'nx-state' });
    expect(again).toMatchObject({ error: 'bad_verification_code' });
    expect(again.access_token).toBeUndefined();
  });
});
