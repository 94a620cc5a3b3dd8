import { describe, expect, it } from 'vitest';
import { createStaticDirectory } from './directory-static';

const directory = createStaticDirectory([
  { login: 'alice', githubId: 1001, name: 'Alice Admin', groups: ['developers', 'admins', 'developers'] },
  { login: 'carol', githubId: 1003, groups: [] },
  { login: 'nohub', groups: ['viewers'] },
]);

describe('static directory', () => {
  it('finds people by GitHub id, names them as listed and sorts their groups', async () => {
    expect(await directory.findUser({ githubId: 1001, githubLogin: 'alice' })).toEqual({ username: 'alice', groups: ['admins', 'developers'] });
    expect(await directory.findUser({ githubId: 1003, githubLogin: 'carol' })).toEqual({ username: 'carol', groups: [] });
  });

  it('binds GitHub accounts by id only: a renamed login still finds its person, a taken-over login finds nobody', async () => {
    expect(await directory.findUser({ githubId: 1001, githubLogin: 'alice-renamed' })).toMatchObject({ username: 'alice' });
    expect(await directory.findUser({ githubId: 9999, githubLogin: 'alice' })).toBeNull();
    // Listed without a GitHub id: GitHub sign-in cannot reach them, whatever the login.
    expect(await directory.findUser({ githubId: 1002, githubLogin: 'nohub' })).toBeNull();
  });

  it('finds people by name (API token owners, demo sign-in)', async () => {
    expect(await directory.findUser({ username: 'nohub' })).toEqual({ username: 'nohub', groups: ['viewers'] });
    expect(await directory.findUser({ username: 'mallory' })).toBeNull();
    expect(await directory.findUser({ username: 'Alice' })).toBeNull();
  });
});
