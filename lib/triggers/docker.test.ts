import { describe, expect, it } from 'vitest';
import { dockerTriggerSchema, judgeDockerTrigger, parseDockerHubPush, type DockerPush } from './docker';
import { dockerHubPayload } from './test-fixtures';

function push(repo: string, tag: string): DockerPush {
  const parsed = parseDockerHubPush(dockerHubPayload(repo, tag));
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.push;
}
const judge = (fields: Record<string, unknown>, p = push('acme/web', '1.4.0'), token: string | null = 'tok') =>
  judgeDockerTrigger(dockerTriggerSchema.parse({ type: 'docker', enabled: true, repository: 'acme/web', secret: 'tok', ...fields }), { push: p, token });

describe('parseDockerHubPush', () => {
  it('reads repository, tag and push time, and builds the image artifact', () => {
    expect(push('acme/web', '1.4.0')).toEqual({
      repository: 'acme/web',
      tag: '1.4.0',
      pushedAt: 1_717_000_000,
      artifact: { type: 'docker/image', name: 'index.docker.io/acme/web', reference: 'index.docker.io/acme/web:1.4.0', version: '1.4.0' },
    });
  });
  it('falls back to namespace/name and names what is missing', () => {
    const payload = dockerHubPayload('acme/web', 'v1');
    const { repo_name: _omit, ...repository } = payload.repository;
    expect(parseDockerHubPush({ ...payload, repository })).toMatchObject({ push: { repository: 'acme/web' } });
    expect(parseDockerHubPush({ push_data: {}, repository: {} })).toMatchObject({ error: expect.stringMatching(/^not a Docker Hub push payload: push_data\.tag/) });
    expect(parseDockerHubPush({ push_data: { tag: 'x' }, repository: {} })).toEqual({ error: 'not a Docker Hub push payload: repository.repo_name is missing', issues: [{ path: 'repository.repo_name', message: 'is required' }] });
  });
});

describe('judgeDockerTrigger (reference §2.4 docker)', () => {
  it('matches the exact repository and gives the trigger tag, repository and the image artifact', () => {
    const verdict = judge({ tag: '1\\..*', account: 'hub' });
    expect(verdict.kind).toBe('match');
    if (verdict.kind !== 'match') return;
    expect(verdict.trigger).toEqual({
      type: 'docker',
      enabled: true,
      account: 'hub',
      registry: 'index.docker.io',
      repository: 'acme/web',
      tag: '1.4.0',
      artifacts: [{ type: 'docker/image', name: 'index.docker.io/acme/web', reference: 'index.docker.io/acme/web:1.4.0', version: '1.4.0' }],
    });
  });
  it('the repository must match exactly (organization/repository or the full name)', () => {
    expect(judge({ repository: 'acme/we' })).toEqual({ kind: 'unrelated' });
    expect(judge({ repository: 'acme/web2' })).toEqual({ kind: 'unrelated' });
    expect(judge({ repository: 'web' }).kind).toBe('unrelated');
    expect(judge({ organization: 'acme', repository: 'web' }).kind).toBe('match');
    expect(judge({ repository: 'index.docker.io/acme/web' }).kind).toBe('match');
    expect(judge({ repository: 'library/nginx' }, push('library/nginx', '1.27')).kind).toBe('match');
    expect(judge({ repository: 'nginx' }, push('library/nginx', '1.27')).kind).toBe('match');
  });
  it('a trigger for another registry is a near miss', () => {
    expect(judge({ registry: 'ghcr.io' })).toEqual({ kind: 'ignored', reason: 'the trigger watches acme/web on ghcr.io; this push came from Docker Hub' });
    expect(judge({ registry: 'https://index.docker.io/' }).kind).toBe('match');
    expect(judge({ registry: 'docker.io' }).kind).toBe('match');
  });
  it('tag is a whole-tag regex; without one every tag but latest fires', () => {
    expect(judge({ tag: '1' })).toEqual({ kind: 'ignored', reason: 'tag 1.4.0 does not match 1' });
    expect(judge({ tag: 'v.*' })).toEqual({ kind: 'ignored', reason: 'tag 1.4.0 does not match v.*' });
    expect(judge({ tag: ' 1\\.4\\.0 ' }).kind).toBe('match');
    expect(judge({}).kind).toBe('match');
    expect(judge({}, push('acme/web', 'latest'))).toEqual({ kind: 'ignored', reason: 'tag latest does not fire a trigger without a tag pattern (set one that matches it)' });
    expect(judge({ tag: 'latest' }, push('acme/web', 'latest')).kind).toBe('match');
    expect(judge({ tag: '.*' }, push('acme/web', 'latest')).kind).toBe('match');
    expect(judge({ tag: '*' })).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/^tag pattern "\*" is not a valid regular expression/) });
  });
  it('needs enabled: true', () => {
    expect(judge({ enabled: false })).toEqual({ kind: 'ignored', reason: 'the trigger is not enabled' });
  });
  it('Docker Hub cannot sign: the trigger secret must be presented, and a trigger without one refuses', () => {
    expect(judge({}, push('acme/web', '1'), 'wrong')).toEqual({ kind: 'refused', reason: "token invalid: it does not match the trigger's secret" });
    expect(judge({}, push('acme/web', '1'), null)).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/^token missing/) });
    expect(judge({ secret: undefined })).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/the trigger has no secret/) });
    // The token is checked before the tag pattern runs on the sender's tag.
    expect(judge({ tag: 'nomatch' }, push('acme/web', '1'), 'wrong').kind).toBe('refused');
  });
});
