import { describe, expect, it } from 'vitest';
import { isRedirectAllowed } from './redirect-uri.ts';

describe('isRedirectAllowed', () => {
  // The examples from GitHub's "Redirect URLs" section, for callback http://example.com/path.
  it.each([
    ['http://example.com/path', true],
    ['http://example.com/path/subdir/other', true],
    ['http://oauth.example.com/path', true],
    ['http://oauth.example.com/path/subdir/other', true],
    ['http://example.com/bar', false],
    ['http://example.com/', false],
    ['http://example.com:8080/path', false],
    ['http://oauth.example.com:8080/path', false],
    ['http://example.org', false],
    ['http://example.com/pathology', false],
    ['not a url', false],
  ])('%s → %s', (redirect, allowed) => {
    expect(isRedirectAllowed('http://example.com/path', redirect)).toBe(allowed);
  });

  it('ignores the port of loopback callbacks, as GitHub does for native apps', () => {
    expect(isRedirectAllowed('http://127.0.0.1/path', 'http://127.0.0.1:1234/path')).toBe(true);
    expect(isRedirectAllowed('http://127.0.0.1/path', 'http://127.0.0.1:1234/other')).toBe(false);
    expect(isRedirectAllowed('http://localhost/path', 'http://localhost:1234/path')).toBe(false);
  });
});
