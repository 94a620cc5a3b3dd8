import { describe, expect, it } from 'vitest';
import { parseWebhookJson } from './webhook-json';

describe('parseWebhookJson', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('parses JSON bodies and form-encoded payload fields', () => {
    expect(parseWebhookJson(bytes('{"a":1}'), 'application/json')).toEqual({ a: 1 });
    expect(parseWebhookJson(bytes('{"a":1}'), null)).toEqual({ a: 1 });
    expect(parseWebhookJson(bytes(`payload=${encodeURIComponent('{"a":2}')}`), 'application/x-www-form-urlencoded')).toEqual({ a: 2 });
  });
  it('explains what is wrong', () => {
    expect(() => parseWebhookJson(bytes('{'), 'application/json')).toThrow(/Request body is not valid JSON/);
    expect(() => parseWebhookJson(bytes(' '), 'application/json')).toThrow(/body is empty/);
    expect(() => parseWebhookJson(bytes('x=1'), 'application/x-www-form-urlencoded')).toThrow(/"payload" field/);
  });
});
