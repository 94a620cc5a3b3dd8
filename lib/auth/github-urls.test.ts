import { describe, expect, it } from 'vitest';
import { githubUrls } from './github-urls';

describe('githubUrls', () => {
  it('uses github.com and api.github.com by default', () => {
    expect(githubUrls({ clientId: 'a', clientSecret: 'b', teams: [], baseUrl: 'https://github.com' })).toEqual({
      authorize: 'https://github.com/login/oauth/authorize',
      token: 'https://github.com/login/oauth/access_token',
      api: 'https://api.github.com',
      issuer: 'https://github.com/login/oauth',
    });
  });
  it('derives GitHub Enterprise endpoints from the base URL', () => {
    expect(githubUrls({ clientId: 'a', clientSecret: 'b', teams: [], baseUrl: 'https://ghe.corp.example/' })).toMatchObject({
      authorize: 'https://ghe.corp.example/login/oauth/authorize',
      api: 'https://ghe.corp.example/api/v3',
    });
  });
  it('lets explicit URLs win', () => {
    expect(githubUrls({ clientId: 'a', clientSecret: 'b', teams: [], baseUrl: 'https://github.com', apiUrl: 'http://127.0.0.1:3999/' }).api).toBe('http://127.0.0.1:3999');
  });
});
