// The HTML of the stand-in's sign-in page: one button per known user plus Cancel. It stands for both
// of GitHub's screens (sign in, then authorize the app) so a browser test needs a single click.
import type { GitHubUser } from './users.ts';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The authorize request, carried through the form as hidden fields. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string | undefined;
  state: string | undefined;
  scope: string | undefined;
  login: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: string | undefined;
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2328}
ul{list-style:none;padding:0}li{margin:.5rem 0;display:flex;gap:.75rem;align-items:center}
button{font:inherit;padding:.4rem .9rem;border-radius:6px;border:1px solid #d0d7de;background:#f6f8fa;cursor:pointer}
button.suggested{border-color:#1f883d;background:#1f883d;color:#fff}img{width:32px;height:32px;border-radius:50%}</style>
</head>
<body>${body}</body>
</html>`;

function hiddenFields(request: AuthorizeRequest): string {
  const fields: [string, string | undefined][] = [
    ['client_id', request.clientId],
    ['redirect_uri', request.redirectUri],
    ['state', request.state],
    ['scope', request.scope],
    ['code_challenge', request.codeChallenge],
    ['code_challenge_method', request.codeChallengeMethod],
  ];
  return fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('\n');
}

export function renderAuthorizePage(request: AuthorizeRequest, users: readonly GitHubUser[], avatarOf: (u: GitHubUser) => string): string {
  const scopes = request.scope?.trim() ? request.scope.trim().split(/[\s,]+/).join(', ') : 'no scopes (public information only)';
  const items = users
    .map((user) => {
      const suggested = user.login === request.login ? ' class="suggested" autofocus' : '';
      const label = user.name ? `${user.name} (@${user.login})` : `@${user.login}`;
      return `<li><img src="${escapeHtml(avatarOf(user))}" alt=""><button type="submit" name="login" value="${escapeHtml(user.login)}"${suggested}>Sign in as ${escapeHtml(user.login)}</button><span>${escapeHtml(label)}</span></li>`;
    })
    .join('\n');
  return page(
    'Sign in to the GitHub stand-in',
    `<main>
<h1>Sign in to the GitHub stand-in</h1>
<p>Test tooling that plays GitHub for Foresail's tests. OAuth app <code>${escapeHtml(request.clientId)}</code> asks for: ${escapeHtml(scopes)}.</p>
<form method="post" action="/login/oauth/authorize">
${hiddenFields(request)}
<ul aria-label="Users">
${items}
</ul>
<button type="submit" name="cancel" value="1">Cancel</button>
</form>
</main>`,
  );
}

export function renderErrorPage(title: string, message: string): string {
  return page(title, `<main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main>`);
}
