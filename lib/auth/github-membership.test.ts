import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMembership } from './github-membership';

// A server whose first page of /user/orgs points its "next" link at another host: the token must not follow.
let server: Server;
let api = '';
const seen: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.headers.host ?? ''}${req.url ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json', link: '<http://elsewhere.invalid/user/orgs?page=2>; rel="next"' });
    res.end(JSON.stringify([{ login: 'other-org' }]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  api = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('checkMembership', () => {
  it('needs no request when nothing is required', async () => {
    expect(await checkMembership(api, 'gho_x', { teams: [] })).toEqual({ ok: true });
    expect(seen).toEqual([]);
  });

  it('never sends the token to another host than the configured API', async () => {
    expect(await checkMembership(api, 'gho_x', { organization: 'wanted', teams: [] })).toEqual({ ok: false, reason: 'github_unavailable', detail: 'GitHub pointed the next page at another host' });
    expect(seen).toHaveLength(1);
  });
});
