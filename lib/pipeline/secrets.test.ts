import { describe, expect, it } from 'vitest';
import { changedSecretPaths, maskPipelineSecrets, maskSecretKeys, maskStageSecrets, maskUrl, restoreMaskedSecrets, SECRET_MASK, secretSlots, withTriggerIds } from './secrets';

const M = SECRET_MASK;

describe('maskUrl', () => {
  it.each([
    ['https://ops:pw@example.com/hook', `https://ops:${M}@example.com/hook`],
    ['https://ghp_token@github.com/acme/web.git', `https://${M}@github.com/acme/web.git`],
    ['https://ci.example.com/job/x/build?token=abc&cause=deploy#top', `https://ci.example.com/job/x/build?token=${M}&cause=deploy#top`],
    ['https://x.example.com/?api_key=1&X-Amz-Signature=2&page=3', `https://x.example.com/?api_key=${M}&X-Amz-Signature=${M}&page=3`],
    ['https://x.example.com/plain?team=a', 'https://x.example.com/plain?team=a'],
    ['${trigger.url}?token=${parameters.t}', `\${trigger.url}?token=${M}`],
    ['not a url', 'not a url'],
  ])('%s → %s', (url, masked) => expect(maskUrl(url)).toBe(masked));
});

const pipeline = () => ({
  triggers: [
    { type: 'git', secret: 'g1', enabled: true },
    { type: 'webhook', source: 's', secret: 'w1', payloadConstraints: { branch: 'main', token: 'c1' } },
    { type: 'docker', token: 'd1' },
  ],
  stages: [{ refId: 'a', type: 'webhook', url: 'https://h/x?token=u1', customHeaders: { Authorization: 'Bearer h1', 'X-Api-Key': ['k1', 'k2'], Accept: 'json' }, notifications: [{ address: 'https://u:p1@n/x' }] }],
  notifications: [{ type: 'webhook', address: 'https://n.example.com/a?secret=n1' }, { type: 'email', address: 'team@example.com' }],
});

describe('masking a pipeline', () => {
  it('masks every secret and nothing else, without changing the input', () => {
    const input = pipeline();
    const masked = maskPipelineSecrets(input);
    expect(masked).toEqual({
      triggers: [
        { type: 'git', secret: M, enabled: true },
        { type: 'webhook', source: 's', secret: M, payloadConstraints: { branch: 'main', token: M } },
        { type: 'docker', token: M },
      ],
      stages: [{ refId: 'a', type: 'webhook', url: `https://h/x?token=${M}`, customHeaders: { Authorization: M, 'X-Api-Key': [M, M], Accept: 'json' }, notifications: [{ address: `https://u:${M}@n/x` }] }],
      notifications: [{ type: 'webhook', address: `https://n.example.com/a?secret=${M}` }, { type: 'email', address: 'team@example.com' }],
    });
    expect(input).toEqual(pipeline());
  });

  it('leaves empty secrets empty, so "no secret" stays visible', () => {
    expect(maskPipelineSecrets({ triggers: [{ type: 'git', secret: '' }] })).toEqual({ triggers: [{ type: 'git', secret: '' }] });
  });

  it('masks a stage context and free-form records, keeping trigger parameters', () => {
    expect(maskStageSecrets({ customHeaders: { authorization: 'x' }, url: 'https://h/?token=t', status: 'ok' })).toEqual({ customHeaders: { authorization: M }, url: `https://h/?token=${M}`, status: 'ok' });
    expect(maskSecretKeys({ type: 'webhook', payload: { token: 't', nested: [{ password: 'p' }] }, parameters: { token: 'kept' } })).toEqual({ type: 'webhook', payload: { token: M, nested: [{ password: M }] }, parameters: { token: 'kept' } });
  });
});

describe('restoring masked secrets on save', () => {
  it('puts every stored secret back when the masked view is saved unchanged', () => {
    const stored = pipeline();
    expect(restoreMaskedSecrets(maskPipelineSecrets(stored), stored)).toEqual({ config: stored, issues: [] });
  });

  it('matches triggers by id wherever they moved, and keeps typed values as typed', () => {
    const stored = { triggers: [{ id: 'a', type: 'git', secret: 'A' }, { id: 'b', type: 'git', secret: 'B' }] };
    const sent = { triggers: [{ id: 'b', type: 'git', secret: M }, { id: 'c', type: 'git', secret: 'typed' }, { id: 'a', type: 'git', secret: M }] };
    expect(restoreMaskedSecrets(sent, stored).config.triggers.map((t) => t.secret)).toEqual(['B', 'typed', 'A']);
  });

  it('matches a trigger sent without an id by its type and position', () => {
    const stored = { triggers: [{ id: 'a', type: 'git', secret: 'A' }, { type: 'docker', token: 'D' }] };
    const sent = { triggers: [{ type: 'docker', token: M }, { type: 'git', secret: M }] };
    expect(restoreMaskedSecrets(sent, stored).config.triggers).toEqual([{ type: 'docker', token: 'D' }, { type: 'git', secret: 'A' }]);
  });

  it('keeps a URL secret when the rest of the URL is unchanged, and refuses when it was edited around the mask', () => {
    const stored = { stages: [{ refId: 'a', url: 'https://h/x?token=u1' }] };
    expect(restoreMaskedSecrets({ stages: [{ refId: 'a', url: `https://h/x?token=${M}` }] }, stored).config).toEqual(stored);
    const edited = restoreMaskedSecrets({ stages: [{ refId: 'a', url: `https://other/x?token=${M}` }] }, stored);
    expect(edited.issues).toEqual([{ path: 'stages[0].url', message: expect.stringMatching(/hidden .* type the secret again/) }]);
  });

  it('refuses a mask with nothing stored behind it (a copied view, a new trigger)', () => {
    expect(restoreMaskedSecrets({ triggers: [{ type: 'git', secret: M }] }, undefined).issues.map((i) => i.path)).toEqual(['triggers[0].secret']);
    expect(restoreMaskedSecrets({ triggers: [{ id: 'new', type: 'git', secret: M }] }, { triggers: [{ id: 'old', type: 'git', secret: 'x' }] }).issues).toHaveLength(1);
  });

  it('refuses when a masked URL matches two different stored secrets', () => {
    const stored = { notifications: [{ address: 'https://n/x?token=1' }, { address: 'https://n/x?token=2' }] };
    const result = restoreMaskedSecrets({ notifications: [{ address: `https://n/x?token=${M}` }] }, stored);
    expect(result.issues[0]?.message).toMatch(/more than one/);
  });
});

describe('trigger ids and changed secrets', () => {
  it('gives an id only to triggers that hold a secret and have none', () => {
    let n = 0;
    const config = withTriggerIds({ triggers: [{ type: 'git', secret: 's' }, { type: 'cron', cronExpression: '* * * * * ?' }, { id: 'keep', type: 'docker', token: 't' }, { type: 'git', secret: '' }] }, () => `id${n++}`);
    expect(config.triggers.map((t) => (t as { id?: string }).id)).toEqual(['id0', undefined, 'keep', undefined]);
  });

  it('lists the paths of secrets set, changed and removed — never their values', () => {
    const before = { triggers: [{ id: 'a', type: 'git', secret: 'A' }, { id: 'b', type: 'git', secret: 'B' }] };
    const after = { triggers: [{ id: 'a', type: 'git', secret: 'A2' }, { id: 'c', type: 'docker', token: 'C' }] };
    expect(changedSecretPaths(before, after)).toEqual(['triggers[0].secret', 'triggers[1].token', 'triggers[1].secret']);
    expect(changedSecretPaths(before, before)).toEqual([]);
  });

  it('finds secrets in document order', () => {
    expect(secretSlots(pipeline()).map((s) => s.path.join('.'))).toEqual([
      'triggers.0.secret',
      'triggers.1.secret',
      'triggers.1.payloadConstraints.token',
      'triggers.2.token',
      'stages.0.url',
      'stages.0.customHeaders.Authorization',
      'stages.0.customHeaders.X-Api-Key.0',
      'stages.0.customHeaders.X-Api-Key.1',
      'stages.0.notifications.0.address',
      'notifications.0.address',
      'notifications.1.address',
    ]);
  });
});
