// GitHub's repository contents API as Foresail's github/file artifacts read it:
// GET /repos/{owner}/{repo}/contents/{path}?ref=REF (also under /api/v3 for GitHub Enterprise).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readApiToken } from './request-body.ts';
import { sendApiError, sendJson } from './responses.ts';

const CONTENTS_DOCS = 'https://docs.github.com/rest/repos/contents#get-repository-content';

export const putContentsSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  /** The branch, tag or commit the files are at; the default branch when absent. */
  ref: z.string().min(1).default('main'),
  /** Path → UTF-8 content; added to what the ref already holds. */
  files: z.record(z.string().min(1), z.string()),
  /** A private repository: only requests with this token see it (others get 404, as GitHub answers). */
  token: z.string().min(1).optional(),
});
export type PutContentsInput = z.input<typeof putContentsSchema>;

interface Repository {
  defaultBranch: string;
  token: string | undefined;
  /** ref → path → content. */
  refs: Map<string, Map<string, string>>;
}

/** Every repository the stand-in serves, by "owner/repo". */
export type Repositories = Map<string, Repository>;

export function putContents(repositories: Repositories, input: PutContentsInput): void {
  const { owner, repo, ref, files, token } = putContentsSchema.parse(input);
  const key = `${owner}/${repo}`;
  const repository = repositories.get(key) ?? { defaultBranch: ref, token, refs: new Map() };
  if (token !== undefined) repository.token = token;
  const tree = repository.refs.get(ref) ?? new Map<string, string>();
  for (const [path, content] of Object.entries(files)) tree.set(path.replace(/^\/+/, ''), content);
  repository.refs.set(ref, tree);
  repositories.set(key, repository);
}

const gitSha = (content: string) => createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0${content}`).digest('hex');

/** GitHub wraps base64 content at 60 characters. */
const wrapped = (base64: string) => (base64.match(/.{1,60}/g) ?? []).join('\n');

function entryJson(api: string, web: string, key: string, ref: string, path: string, content: string | undefined) {
  const name = path.split('/').pop() ?? path;
  const url = `${api}/repos/${key}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const sha = content === undefined ? createHash('sha1').update(`tree ${path}`).digest('hex') : gitSha(content);
  return {
    type: content === undefined ? 'dir' : 'file',
    name,
    path,
    sha,
    size: content === undefined ? 0 : Buffer.byteLength(content),
    url,
    html_url: `${web}/${key}/${content === undefined ? 'tree' : 'blob'}/${ref}/${path}`,
    git_url: `${api}/repos/${key}/git/${content === undefined ? 'trees' : 'blobs'}/${sha}`,
    download_url: content === undefined ? null : `${web}/raw/${key}/${ref}/${path}`,
    _links: { self: url, git: `${api}/repos/${key}/git/blobs/${sha}`, html: `${web}/${key}/blob/${ref}/${path}` },
  };
}

/** Answers a contents request: a file (base64 content), a folder (its entries) or 404. */
export function handleContents(repositories: Repositories, req: IncomingMessage, res: ServerResponse, bases: { api: string; web: string }, key: string, rawPath: string, url: URL): void {
  const repository = repositories.get(key);
  // GitHub answers 404, not 401/403, for a private repository the caller may not see.
  if (!repository || (repository.token !== undefined && readApiToken(req) !== repository.token)) {
    sendApiError(res, 404, 'Not Found', CONTENTS_DOCS);
    return;
  }
  const ref = url.searchParams.get('ref') || repository.defaultBranch;
  const tree = repository.refs.get(ref);
  if (!tree) {
    sendApiError(res, 404, `No commit found for the ref ${ref}`, CONTENTS_DOCS);
    return;
  }
  const path = decodeURIComponent(rawPath).replace(/^\/+|\/+$/g, '');
  const content = tree.get(path);
  if (content !== undefined) {
    sendJson(res, 200, { ...entryJson(bases.api, bases.web, key, ref, path, content), encoding: 'base64', content: wrapped(Buffer.from(content, 'utf8').toString('base64')) });
    return;
  }
  const prefix = path === '' ? '' : `${path}/`;
  const children = new Map<string, string | undefined>();
  for (const [file, text] of tree) {
    if (!file.startsWith(prefix)) continue;
    const [first, ...rest] = file.slice(prefix.length).split('/');
    if (first) children.set(`${prefix}${first}`, rest.length ? undefined : text);
  }
  if (children.size === 0) {
    sendApiError(res, 404, 'Not Found', CONTENTS_DOCS);
    return;
  }
  sendJson(res, 200, [...children].sort(([a], [b]) => a.localeCompare(b)).map(([child, text]) => entryJson(bases.api, bases.web, key, ref, child, text)));
}
