import { describe, expect, it } from 'vitest';
import { parseGitHubPush } from '@/lib/triggers/github';
import { githubPushPayload } from './payload';

describe('githubPushPayload', () => {
  it('is a push of one commit to main of example/goldengoose as Foresail reads GitHub pushes', () => {
    const sha = 'a'.repeat(40);
    const payload = githubPushPayload({ sha, before: 'b'.repeat(40), message: 'Tidy up', pusher: 'bob', at: new Date('2026-12-07T06:00:00.123Z') });
    const parsed = parseGitHubPush(payload);
    expect('push' in parsed && parsed.push).toMatchObject({ owner: 'example', repo: 'goldengoose', branch: 'main', ref: 'refs/heads/main', hash: sha, deleted: false });
    expect(payload).toMatchObject({ head_commit: { id: sha, message: 'Tidy up', timestamp: '2026-12-07T06:00:00Z', author: { username: 'bob' } }, pusher: { name: 'bob' } });
  });
});
