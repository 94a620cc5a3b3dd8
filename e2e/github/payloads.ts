// Realistic bodies for GitHub's `push` and `ping` webhook events
// (https://docs.github.com/webhooks/webhook-events-and-payloads#push, …#ping), for sendGitHubWebhook.
import { createHash } from 'node:crypto';

/** The hook id deliveries and ping payloads use unless told otherwise. */
export const DEFAULT_HOOK_ID = 471_209_315;

/** The "before" of a push that creates a ref, and the "after" of one that deletes it. */
export const ZERO_SHA = '0'.repeat(40);

export interface RepositoryRef {
  owner: string;
  repo: string;
  defaultBranch?: string;
  isPrivate?: boolean;
  /** Web root of the GitHub instance: https://github.com (default) or a GitHub Enterprise host. */
  htmlBase?: string;
}

export interface CommitAuthor {
  name: string;
  email: string;
  username?: string;
}

export interface PushCommit {
  /** Defaults: the last commit is `after`, earlier ones get derived SHAs. */
  id?: string;
  message: string;
  /** ISO 8601; defaults to now. */
  timestamp?: string;
  author?: CommitAuthor;
  added?: string[];
  removed?: string[];
  modified?: string[];
}

export interface PushOptions extends RepositoryRef {
  branch: string;
  after: string;
  /** Defaults to a SHA derived from `after`; ZERO_SHA makes this a branch creation. */
  before?: string;
  /** Defaults to one commit, `after`, unless the push deletes the branch. */
  commits?: PushCommit[];
  /** The GitHub user who pushed; defaults to the repository owner. */
  pusher?: { login: string; email?: string; id?: number };
  forced?: boolean;
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
/** Stable ids from names, so the same repository or person gets the same id in every test. */
const idOf = (name: string) => (parseInt(sha1(name).slice(0, 8), 16) % 900_000_000) + 100_000_000;
const apiBaseOf = (htmlBase: string) => (htmlBase === 'https://github.com' ? 'https://api.github.com' : `${htmlBase}/api/v3`);
const isoNow = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function userJson(login: string, htmlBase: string, id = idOf(`user:${login}`)) {
  const url = `${apiBaseOf(htmlBase)}/users/${login}`;
  return {
    login,
    id,
    node_id: Buffer.from(`04:User${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${htmlBase}/${login}`,
    followers_url: `${url}/followers`,
    repos_url: `${url}/repos`,
    type: 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

/** `repository` as push events carry it (note: created_at and pushed_at are Unix seconds there). */
function repositoryJson(ref: RepositoryRef, pushedAt: number) {
  const htmlBase = ref.htmlBase ?? 'https://github.com';
  const fullName = `${ref.owner}/${ref.repo}`;
  const id = idOf(`repo:${fullName}`);
  const host = new URL(htmlBase).host;
  const defaultBranch = ref.defaultBranch ?? 'main';
  return {
    id,
    node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
    name: ref.repo,
    full_name: fullName,
    private: ref.isPrivate ?? false,
    owner: { name: ref.owner, email: null, ...userJson(ref.owner, htmlBase) },
    html_url: `${htmlBase}/${fullName}`,
    description: null,
    fork: false,
    url: `${htmlBase}/${fullName}`,
    created_at: 1_700_000_000,
    updated_at: '2025-01-01T00:00:00Z',
    pushed_at: pushedAt,
    git_url: `git://${host}/${fullName}.git`,
    ssh_url: `git@${host}:${fullName}.git`,
    clone_url: `${htmlBase}/${fullName}.git`,
    svn_url: `${htmlBase}/${fullName}`,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: 'TypeScript',
    forks_count: 0,
    archived: false,
    disabled: false,
    open_issues_count: 0,
    visibility: ref.isPrivate ? 'private' : 'public',
    forks: 0,
    open_issues: 0,
    watchers: 0,
    default_branch: defaultBranch,
    stargazers: 0,
    master_branch: defaultBranch,
    topics: [],
  };
}

function commitJson(commit: PushCommit, id: string, htmlBase: string, fullName: string, fallbackAuthor: CommitAuthor) {
  const author = commit.author ?? fallbackAuthor;
  return {
    id,
    tree_id: sha1(`tree:${id}`),
    distinct: true,
    message: commit.message,
    timestamp: commit.timestamp ?? isoNow(),
    url: `${htmlBase}/${fullName}/commit/${id}`,
    author,
    committer: author,
    added: commit.added ?? [],
    removed: commit.removed ?? [],
    modified: commit.modified ?? [],
  };
}

export function pushPayload(opts: PushOptions) {
  const htmlBase = opts.htmlBase ?? 'https://github.com';
  const fullName = `${opts.owner}/${opts.repo}`;
  const pusher = opts.pusher ?? { login: opts.owner };
  const pusherEmail = pusher.email ?? `${pusher.login}@users.noreply.github.com`;
  const before = opts.before ?? sha1(`parent:${opts.after}`);
  const deleted = opts.after === ZERO_SHA;
  const inputs = opts.commits ?? (deleted ? [] : [{ message: `Update ${opts.branch}` }]);
  const fallbackAuthor = { name: pusher.login, email: pusherEmail, username: pusher.login };
  const commits = inputs.map((c, i) =>
    commitJson(c, c.id ?? (i === inputs.length - 1 ? opts.after : sha1(`${opts.after}:${i}`)), htmlBase, fullName, fallbackAuthor),
  );
  return {
    ref: `refs/heads/${opts.branch}`,
    before,
    after: opts.after,
    repository: repositoryJson(opts, Math.floor(Date.now() / 1000)),
    pusher: { name: pusher.login, email: pusherEmail },
    sender: userJson(pusher.login, htmlBase, pusher.id),
    created: before === ZERO_SHA,
    deleted,
    forced: opts.forced ?? false,
    base_ref: null,
    compare: `${htmlBase}/${fullName}/compare/${before.slice(0, 12)}...${opts.after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
  };
}

export interface PingOptions extends RepositoryRef {
  /** The receiver's URL, as configured on the hook. */
  url: string;
  hookId?: number;
  events?: string[];
  /** Whether the hook has a secret (GitHub shows it masked). */
  hasSecret?: boolean;
}

/** Sent once when a webhook is created, with X-GitHub-Event: ping. */
export function pingPayload(opts: PingOptions) {
  const htmlBase = opts.htmlBase ?? 'https://github.com';
  const hookId = opts.hookId ?? DEFAULT_HOOK_ID;
  const hooksUrl = `${apiBaseOf(htmlBase)}/repos/${opts.owner}/${opts.repo}/hooks/${hookId}`;
  return {
    zen: 'Design for failure.',
    hook_id: hookId,
    hook: {
      type: 'Repository',
      id: hookId,
      name: 'web',
      active: true,
      events: opts.events ?? ['push'],
      config: { content_type: 'json', insecure_ssl: '0', url: opts.url, ...(opts.hasSecret === false ? {} : { secret: '********' }) },
      updated_at: '2025-01-01T00:00:00Z',
      created_at: '2025-01-01T00:00:00Z',
      url: hooksUrl,
      test_url: `${hooksUrl}/test`,
      ping_url: `${hooksUrl}/pings`,
      deliveries_url: `${hooksUrl}/deliveries`,
      last_response: { code: null, status: 'unused', message: null },
    },
    repository: repositoryJson(opts, 1_700_000_000),
    sender: userJson(opts.owner, htmlBase),
  };
}
