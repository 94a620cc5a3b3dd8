import { describe, expect, it } from 'vitest';
import { pingPayload, pushPayload, ZERO_SHA } from './payloads.ts';

const after = 'f'.repeat(40);

describe('pushPayload', () => {
  it('describes a push to a branch like GitHub does', () => {
    const push = pushPayload({
      owner: 'acme',
      repo: 'shop',
      branch: 'release/1.2',
      after,
      commits: [{ message: 'first' }, { message: 'second', author: { name: 'Bob Builder', email: 'bob@foresail.test', username: 'bob' } }],
      pusher: { login: 'bob', email: 'bob@foresail.test' },
    });
    expect(push).toMatchObject({
      ref: 'refs/heads/release/1.2',
      after,
      created: false,
      deleted: false,
      repository: {
        name: 'shop',
        full_name: 'acme/shop',
        owner: { login: 'acme', name: 'acme' },
        html_url: 'https://github.com/acme/shop',
        clone_url: 'https://github.com/acme/shop.git',
        default_branch: 'main',
      },
      pusher: { name: 'bob', email: 'bob@foresail.test' },
      sender: { login: 'bob', type: 'User' },
      head_commit: { id: after, message: 'second', author: { username: 'bob' } },
    });
    expect(push.commits.map((c) => c.message)).toEqual(['first', 'second']);
    expect(push.commits[0]?.id).toMatch(/^[0-9a-f]{40}$/);
    expect(push.head_commit?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(push.before).not.toBe(after);
  });

  it('marks branch creation and deletion', () => {
    expect(pushPayload({ owner: 'acme', repo: 'shop', branch: 'new', after, before: ZERO_SHA }).created).toBe(true);
    const deleted = pushPayload({ owner: 'acme', repo: 'shop', branch: 'old', after: ZERO_SHA });
    expect(deleted).toMatchObject({ deleted: true, commits: [], head_commit: null });
  });

  it('gives the same repository the same id every time, and uses the Enterprise host when told', () => {
    const a = pushPayload({ owner: 'acme', repo: 'shop', branch: 'main', after });
    const b = pushPayload({ owner: 'acme', repo: 'shop', branch: 'main', after, htmlBase: 'https://ghe.example.test' });
    expect(a.repository.id).toBe(b.repository.id);
    expect(b.repository.clone_url).toBe('https://ghe.example.test/acme/shop.git');
    expect(b.sender.url).toBe('https://ghe.example.test/api/v3/users/acme');
  });
});

describe('pingPayload', () => {
  it('describes the new hook', () => {
    expect(pingPayload({ owner: 'acme', repo: 'shop', url: 'https://foresail.test/hook', hookId: 42 })).toMatchObject({
      zen: expect.any(String),
      hook_id: 42,
      hook: { id: 42, type: 'Repository', events: ['push'], config: { url: 'https://foresail.test/hook', content_type: 'json' } },
      repository: { full_name: 'acme/shop' },
    });
  });
});
