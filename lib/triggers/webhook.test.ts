import { describe, expect, it } from 'vitest';
import { parseJsonPath, readPath } from './json-path';
import { checkPayloadConstraints, judgeWebhookTrigger, parseGenericWebhook, webhookTriggerSchema, type GenericWebhookEvent } from './webhook';

describe('JSON paths of payload constraints', () => {
  it.each([
    ['a', ['a']],
    ['a.b.c', ['a', 'b', 'c']],
    ['$.a.b', ['a', 'b']],
    ['$', undefined],
    ['items[0].name', ['items', 0, 'name']],
    ["a['dotted.key'].x", ['a', 'dotted.key', 'x']],
    ['a["quoted \\" key"]', ['a', 'quoted " key']],
    ['[1][2]', [1, 2]],
    ['a..b', undefined],
    ['a[x]', undefined],
    ['', undefined],
  ] as const)('%s', (path, segments) => {
    const parsed = parseJsonPath(path);
    if (segments === undefined) expect(parsed).toHaveProperty('error');
    else expect(parsed).toEqual({ segments });
  });

  it('reads values, and says when there is none', () => {
    const doc = { a: { b: [10, { c: 'x' }] }, n: null };
    expect(readPath(doc, ['a', 'b', 1, 'c'])).toEqual({ found: true, value: 'x' });
    expect(readPath(doc, ['a', 'b', 5])).toEqual({ found: false });
    expect(readPath(doc, ['a', 'x'])).toEqual({ found: false });
    expect(readPath(doc, ['a', 0])).toEqual({ found: false });
    expect(readPath(doc, ['n'])).toEqual({ found: true, value: null });
    expect(readPath(doc, ['toString'])).toEqual({ found: false });
  });
});

describe('checkPayloadConstraints', () => {
  const payload = { action: 'published', release: { tag_name: 'v1.2.0', draft: false, assets: [{ name: 'app.tgz' }] }, 'repository.name': 'web', count: 3, nothing: null };
  it.each([
    [{ action: 'published' }, true],
    [{ action: 'publish' }, false], // whole value
    [{ action: 'pub.*' }, true],
    [{ 'release.tag_name': 'v\\d+\\.\\d+\\.\\d+' }, true],
    [{ 'release.assets[0].name': '.*\\.tgz' }, true],
    [{ 'release.draft': 'false' }, true],
    [{ count: '3' }, true],
    [{ 'repository.name': 'web' }, true], // a top-level key spelled like a path wins
    [{ action: '' }, true], // presence only
    [{ missing: '' }, false],
    [{ nothing: '.*' }, false], // null counts as absent, as in Echo
  ] as const)('%j → %s', (constraints, ok) => {
    expect(checkPayloadConstraints(constraints, payload).ok).toBe(ok);
  });

  it('says which constraint failed and why, quoting long values briefly', () => {
    expect(checkPayloadConstraints({ action: 'created', 'release.tag_name': 'v.*' }, payload)).toEqual({ ok: false, reason: 'action is "published", which does not match created' });
    expect(checkPayloadConstraints({ 'release.body': '.*' }, payload)).toEqual({ ok: false, reason: 'the payload has no release.body' });
    expect(checkPayloadConstraints({ long: 'x' }, { long: 'y'.repeat(200) })).toMatchObject({ reason: expect.stringMatching(/^long is "y{80}…", which/) });
    expect(checkPayloadConstraints({ action: '(' }, payload)).toMatchObject({ ok: false, reason: expect.stringMatching(/^constraint action: "\(" is not a valid regular expression/) });
    expect(checkPayloadConstraints({ 'a..b': 'x' }, payload)).toMatchObject({ ok: false, reason: expect.stringMatching(/^constraint "a\.\.b" is not a JSON path/) });
  });
});

describe('parseGenericWebhook', () => {
  it('takes parameters (as text) and artifacts from the body, and keeps the whole body as the payload', () => {
    const body = { parameters: { version: '1.2', replicas: 3, canary: true, skip: null }, artifacts: [{ type: 'docker/image', name: 'acme/web', reference: 'acme/web:1.2' }], extra: { a: 1 } };
    expect(parseGenericWebhook(body)).toEqual({
      event: { payload: body, parameters: { version: '1.2', replicas: '3', canary: 'true' }, artifacts: [{ type: 'docker/image', name: 'acme/web', reference: 'acme/web:1.2' }] },
    });
    expect(parseGenericWebhook({})).toEqual({ event: { payload: {}, parameters: {}, artifacts: [] } });
  });
  it('refuses bodies it cannot use, naming the field', () => {
    expect(parseGenericWebhook([1])).toEqual({ error: 'the request body must be a JSON object', issues: [{ path: '', message: 'must be a JSON object' }] });
    expect(parseGenericWebhook('x')).toMatchObject({ error: 'the request body must be a JSON object' });
    expect(parseGenericWebhook({ parameters: { a: { nested: 1 } } })).toEqual({ error: 'parameters.a must be text, a number or true/false', issues: [{ path: 'parameters.a', message: 'must be text, a number or true/false' }] });
    expect(parseGenericWebhook({ artifacts: 'nope' })).toMatchObject({ error: 'artifacts must be a list, not the text "nope"' });
  });
});

describe('judgeWebhookTrigger (reference §2.4 webhook)', () => {
  const event = (payload: Record<string, unknown>): GenericWebhookEvent => ({ payload, parameters: { env: 'prod' }, artifacts: [{ type: 'http/file', reference: 'https://x/y' }] });
  const judge = (fields: Record<string, unknown>, payload: Record<string, unknown> = { env: 'prod' }, token: string | null = 'tok', source = 'ci') =>
    judgeWebhookTrigger(webhookTriggerSchema.parse({ type: 'webhook', enabled: true, source: 'ci', secret: 'tok', ...fields }), { source, event: event(payload), token });

  it('matches the source exactly and hands over payload, parameters and artifacts', () => {
    const verdict = judge({ payloadConstraints: { env: 'prod|staging' } });
    expect(verdict).toEqual({
      kind: 'match',
      trigger: {
        type: 'webhook',
        enabled: true,
        source: 'ci',
        payloadConstraints: { env: 'prod|staging' },
        payload: { env: 'prod' },
        parameters: { env: 'prod' },
        artifacts: [{ type: 'http/file', reference: 'https://x/y' }],
      },
    });
    expect(judge({}, {}, 'tok', 'CI')).toEqual({ kind: 'unrelated' });
    expect(judge({ source: 'other' })).toEqual({ kind: 'unrelated' });
  });
  it('unsatisfied constraints and disabled triggers are near misses', () => {
    expect(judge({ payloadConstraints: { env: 'staging' } })).toEqual({ kind: 'ignored', reason: 'env is "prod", which does not match staging' });
    expect(judge({ enabled: false })).toEqual({ kind: 'ignored', reason: 'the trigger is not enabled' });
  });
  it('needs the trigger secret as the token; a trigger without a secret refuses', () => {
    expect(judge({}, { env: 'prod' }, 'bad')).toMatchObject({ kind: 'refused' });
    expect(judge({}, { env: 'prod' }, null)).toMatchObject({ kind: 'refused' });
    expect(judge({ secret: undefined })).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/no secret/) });
  });
});
