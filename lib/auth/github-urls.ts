import type { AuthConfig } from '../config/auth-schema';

export interface GitHubUrls {
  authorize: string;
  token: string;
  api: string;
  issuer: string;
}

const trim = (url: string) => url.replace(/\/+$/, '');

/** github.com by default; GitHub Enterprise from its base URL (API under /api/v3); explicit URLs win. */
export function githubUrls(github: NonNullable<AuthConfig['github']>): GitHubUrls {
  const base = trim(github.baseUrl);
  const isDotCom = /^https:\/\/(www\.)?github\.com$/i.test(base);
  return {
    authorize: github.authorizeUrl ?? `${base}/login/oauth/authorize`,
    token: github.tokenUrl ?? `${base}/login/oauth/access_token`,
    api: trim(github.apiUrl ?? (isDotCom ? 'https://api.github.com' : `${base}/api/v3`)),
    issuer: `${base}/login/oauth`,
  };
}
