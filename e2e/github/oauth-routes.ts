// GitHub's OAuth web flow: GET/POST /login/oauth/authorize and POST /login/oauth/access_token
// (https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderAuthorizePage, renderErrorPage, type AuthorizeRequest } from './authorize-page.ts';
import { parseScopes } from './oauth-grants.ts';
import { isRedirectAllowed } from './redirect-uri.ts';
import { readBasicAuth } from './request-body.ts';
import { redirect, sendHtml, sendOAuthFields } from './responses.ts';
import { findUser, type StandInState } from './state.ts';
import { absoluteAvatarUrl } from './user-json.ts';

const DOCS = 'https://docs.github.com/apps/managing-oauth-apps';
const AUTHORIZE_ERRORS = `${DOCS}/troubleshooting-authorization-request-errors`;
const TOKEN_ERRORS = `${DOCS}/troubleshooting-oauth-app-access-token-request-errors`;

// Wording and error_uri anchors as in GitHub's troubleshooting pages.
const tokenErrors = {
  incorrect_client_credentials: ['The client_id and/or client_secret passed are incorrect.', `${TOKEN_ERRORS}/#incorrect-client-credentials`],
  redirect_uri_mismatch: ['The redirect_uri MUST match the registered callback URL for this application.', `${AUTHORIZE_ERRORS}/#redirect-uri-mismatch2`],
  bad_verification_code: ['The code passed is incorrect or expired.', `${TOKEN_ERRORS}/#bad-verification-code`],
  unsupported_grant_type: ['The grant type is not supported.', TOKEN_ERRORS],
} as const;
type TokenError = keyof typeof tokenErrors;

function withParams(base: string, params: Record<string, string | undefined>): string {
  const target = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) target.searchParams.set(key, value);
  return target.toString();
}

const readAuthorizeRequest = (params: Map<string, string>): AuthorizeRequest => ({
  clientId: params.get('client_id') ?? '',
  redirectUri: params.get('redirect_uri') || undefined,
  state: params.get('state'),
  scope: params.get('scope'),
  login: params.get('login'),
  codeChallenge: params.get('code_challenge') || undefined,
  codeChallengeMethod: params.get('code_challenge_method') || undefined,
});

/**
 * Checks an authorize request. Returns where to send the browser, or undefined after answering the
 * request itself (unknown app, no usable redirect, or an error redirect).
 */
function checkAuthorize(state: StandInState, request: AuthorizeRequest, res: ServerResponse): string | undefined {
  if (request.clientId !== state.app.clientId) {
    // GitHub answers an unknown client_id with its plain 404 page, never redirecting anywhere.
    sendHtml(res, 404, renderErrorPage('Page not found', `No OAuth app has the client_id "${request.clientId}".`));
    return undefined;
  }
  const target = resolveRedirect(state, request, res);
  if (target === undefined) return undefined;
  const method = request.codeChallengeMethod ?? (request.codeChallenge ? 'plain' : undefined);
  if (method !== undefined && (method !== 'S256' || !request.codeChallenge)) {
    // GitHub accepts only S256; how it refuses others is undocumented, so this follows RFC 6749 §4.1.2.1.
    redirect(res, withParams(target, { error: 'invalid_request', error_description: 'Only the S256 code_challenge_method is supported.', state: request.state }));
    return undefined;
  }
  return target;
}

/** The redirect_uri to use, or undefined after answering: none usable, or outside the registered callback. */
function resolveRedirect(state: StandInState, request: AuthorizeRequest, res: ServerResponse): string | undefined {
  const { callbackUrl } = state.app;
  if (request.redirectUri === undefined) {
    if (callbackUrl) return callbackUrl;
    sendHtml(res, 400, renderErrorPage('redirect_uri required', 'This stand-in has no registered callback URL, so the request must name a redirect_uri.'));
    return undefined;
  }
  if (callbackUrl && !isRedirectAllowed(callbackUrl, request.redirectUri)) {
    const [description] = tokenErrors.redirect_uri_mismatch;
    redirect(res, withParams(callbackUrl, { error: 'redirect_uri_mismatch', error_description: description, error_uri: `${AUTHORIZE_ERRORS}/#redirect-uri-mismatch`, state: request.state }));
    return undefined;
  }
  return request.redirectUri;
}

/** GET shows the sign-in page; POST is that page's form: sign in as a user, or cancel. */
export function handleAuthorize(state: StandInState, req: IncomingMessage, res: ServerResponse, params: Map<string, string>): void {
  const request = readAuthorizeRequest(params);
  const target = checkAuthorize(state, request, res);
  if (target === undefined) return;
  if (req.method === 'GET') {
    sendHtml(res, 200, renderAuthorizePage(request, state.users, (u) => absoluteAvatarUrl(u, state.url)));
    return;
  }
  if (params.has('cancel')) {
    redirect(res, withParams(target, {
      error: 'access_denied',
      error_description: 'The user has denied your application access.',
      error_uri: `${AUTHORIZE_ERRORS}/#access-denied`,
      state: request.state,
    }));
    return;
  }
  const user = findUser(state, params.get('login') ?? '');
  if (!user) {
    sendHtml(res, 422, renderErrorPage('Unknown user', `The stand-in has no user "${params.get('login') ?? ''}".`));
    return;
  }
  const code = state.grants.issueCode({
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    login: user.login,
    scopes: parseScopes(request.scope),
    codeChallenge: request.codeChallenge,
  });
  redirect(res, withParams(target, { code, state: request.state }));
}

function sendTokenError(req: IncomingMessage, res: ServerResponse, error: TokenError): void {
  const [description, uri] = tokenErrors[error];
  sendOAuthFields(res, req.headers.accept, { error, error_description: description, error_uri: uri });
}

/** POST /login/oauth/access_token. Client credentials come as parameters or as HTTP Basic. */
export function handleAccessToken(state: StandInState, req: IncomingMessage, res: ServerResponse, params: Map<string, string>): void {
  const basic = readBasicAuth(req);
  const clientId = params.get('client_id') ?? basic?.clientId;
  const clientSecret = params.get('client_secret') ?? basic?.clientSecret;
  if (clientId !== state.app.clientId || clientSecret !== state.app.clientSecret) {
    sendTokenError(req, res, 'incorrect_client_credentials');
    return;
  }
  const grantType = params.get('grant_type');
  if (grantType !== undefined && grantType !== 'authorization_code') {
    sendTokenError(req, res, 'unsupported_grant_type');
    return;
  }
  const result = state.grants.redeem(params.get('code') ?? '', {
    clientId,
    redirectUri: params.get('redirect_uri') || undefined,
    codeVerifier: params.get('code_verifier') || undefined,
  });
  if (!result.ok) {
    sendTokenError(req, res, result.error);
    return;
  }
  // GitHub reports granted scopes comma-separated, in this field order.
  sendOAuthFields(res, req.headers.accept, { access_token: result.token.token, scope: result.token.scopes.join(','), token_type: 'bearer' });
}
