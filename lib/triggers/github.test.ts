import { describe, expect, it } from 'vitest';
import { pushPayload, ZERO_SHA } from '@/e2e/github/payloads';
import { gitTriggerSchema, judgeGitTrigger, parseGitHubPush, type GitHubPush } from './github';

const sha = 'a'.repeat(40);
function push(opts: Partial<Parameters<typeof pushPayload>[0]> = {}): GitHubPush {
  const parsed = parseGitHubPush(pushPayload({ owner: 'Acme', repo: 'Web', branch: 'main', after: sha, ...opts }));
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.push;
}
const trigger = (fields: Record<string, unknown>) => gitTriggerSchema.parse({ type: 'git', enabled: true, source: 'github', project: 'acme', slug: 'web', ...fields });
const ok = () => ({ ok: true as const });
const judge = (t: Record<string, unknown>, p = push(), checkSignature: (secret: string | undefined, allowUnsigned: boolean) => { ok: true } | { ok: false; reason: string } = ok) =>
  judgeGitTrigger(trigger(t), { push: p, deliveryId: 'd-1', checkSignature });

describe('parseGitHubPush', () => {
  it('reads owner, repository, branch, commit and changed files', () => {
    const p = push({ commits: [{ message: 'one', added: ['k8s/deploy.yaml'], modified: ['README.md'] }, { message: 'two', modified: ['README.md'] }] });
    expect(p).toMatchObject({ owner: 'Acme', ownerNames: ['Acme'], repo: 'Web', ref: 'refs/heads/main', branch: 'main', hash: sha, deleted: false });
    expect(p.artifacts).toEqual([
      { type: 'github/file', name: 'README.md', version: sha, reference: 'https://api.github.com/repos/Acme/Web/contents/README.md' },
      { type: 'github/file', name: 'k8s/deploy.yaml', version: sha, reference: 'https://api.github.com/repos/Acme/Web/contents/k8s/deploy.yaml' },
    ]);
  });
  it('uses contents_url when GitHub sends it (GitHub Enterprise hosts)', () => {
    const payload = pushPayload({ owner: 'acme', repo: 'web', branch: 'main', after: sha, commits: [{ message: 'x', added: ['a.yaml'] }] });
    const parsed = parseGitHubPush({ ...payload, repository: { ...payload.repository, contents_url: 'https://ghe.example/api/v3/repos/acme/web/contents/{+path}' } });
    expect('push' in parsed && parsed.push.artifacts[0]?.reference).toBe('https://ghe.example/api/v3/repos/acme/web/contents/a.yaml');
  });
  it('keeps tag refs whole and notices deleted branches', () => {
    expect(push({ branch: 'x' }).branch).toBe('x');
    const tag = parseGitHubPush({ ...pushPayload({ owner: 'acme', repo: 'web', branch: 'x', after: sha }), ref: 'refs/tags/v1.0' });
    expect('push' in tag && tag.push.branch).toBe('refs/tags/v1.0');
    expect(push({ after: ZERO_SHA }).deleted).toBe(true);
  });
  it('names the missing field of a malformed payload', () => {
    expect(parseGitHubPush({ ref: 'refs/heads/main', after: sha })).toEqual({ error: 'not a GitHub push payload: repository is required', issues: [{ path: 'repository', message: 'is required' }] });
    expect(parseGitHubPush([])).toMatchObject({ error: 'not a GitHub push payload: the request body must be an object, not a list' });
  });
});

describe('judgeGitTrigger', () => {
  it('matches owner and repository case-insensitively and builds the execution trigger', () => {
    const verdict = judge({ project: 'ACME', slug: 'wEb', branch: 'main', secret: 'x', description: 'on push' });
    expect(verdict.kind).toBe('match');
    if (verdict.kind !== 'match') return;
    expect(verdict.trigger).toMatchObject({ type: 'git', source: 'github', project: 'ACME', slug: 'wEb', branch: 'main', hash: sha, action: 'push', eventId: 'd-1', enabled: true, description: 'on push' });
    expect(verdict.trigger).not.toHaveProperty('secret');
  });
  it('ignores triggers on other repositories, owners or hosts (not worth recording)', () => {
    expect(judge({ slug: 'api' })).toEqual({ kind: 'unrelated' });
    expect(judge({ project: 'other' })).toEqual({ kind: 'unrelated' });
    expect(judge({ source: 'gitlab' })).toEqual({ kind: 'unrelated' });
    expect(judge({ source: undefined })).toEqual({ kind: 'unrelated' });
  });
  it('branch is a regex that must match the whole branch; empty matches all', () => {
    expect(judge({ branch: '' }).kind).toBe('match');
    expect(judge({ branch: 'ma' })).toEqual({ kind: 'ignored', reason: 'branch main does not match ma' });
    expect(judge({ branch: 'main|release' }).kind).toBe('match');
    expect(judge({ branch: 'release/.*' }, push({ branch: 'release/1.2' })).kind).toBe('match');
    expect(judge({ branch: '^main$' }, push({ branch: 'feature/x' }))).toEqual({ kind: 'ignored', reason: 'branch feature/x does not match ^main$' });
    expect(judge({ branch: 'main' }, push({ branch: 'main-old' })).kind).toBe('ignored');
    expect(judge({ branch: '(' })).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/^branch pattern "\(" is not a valid regular expression/) });
  });
  it('needs enabled: true, a push that does not delete, and push among events when events are listed', () => {
    expect(judge({ enabled: false })).toEqual({ kind: 'ignored', reason: 'the trigger is not enabled' });
    expect(judge({ enabled: undefined })).toEqual({ kind: 'ignored', reason: 'the trigger is not enabled' });
    expect(judge({}, push({ after: ZERO_SHA }))).toEqual({ kind: 'ignored', reason: 'the push deletes main' });
    expect(judge({ events: ['pull_request'] })).toEqual({ kind: 'ignored', reason: 'the trigger listens to pull_request, not push' });
    expect(judge({ events: ['PUSH'] }).kind).toBe('match');
  });
  it('refuses when the signature check fails, before the branch pattern sees the sender\'s branch', () => {
    const seen: [string | undefined, boolean][] = [];
    const refuse = (secret: string | undefined, allowUnsigned: boolean) => {
      seen.push([secret, allowUnsigned]);
      return { ok: false as const, reason: 'signature invalid: nope' };
    };
    expect(judge({ secret: 'abc' }, push(), refuse)).toEqual({ kind: 'refused', reason: 'signature invalid: nope' });
    expect(judge({ secret: '', allowUnsigned: true }, push(), refuse).kind).toBe('refused');
    expect(judge({ branch: 'dev' }, push(), refuse)).toEqual({ kind: 'refused', reason: 'signature invalid: nope' });
    expect(seen).toEqual([['abc', false], [undefined, true], [undefined, false]]);
  });
});
