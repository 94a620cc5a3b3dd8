import 'server-only';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const git = (cwd: string, ...args: string[]) =>
  promisify(execFile)('git', args, { cwd, env: { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH, HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });

export interface TestGitRepo {
  /** The clone URL (`http://127.0.0.1:PORT/NAME.git`). */
  url: string;
  close(): Promise<void>;
}

/**
 * A local bare repository (one commit per branch, with `files`) served over git's smart HTTP
 * protocol (`git http-backend`, as GitHub and GitLab speak it) on 127.0.0.1, so git/repo artifacts
 * are cloned over HTTP, shallow, as in production. With `token`, requests without it (HTTP Basic,
 * user `x-access-token`, as GitHub takes tokens) get 401.
 */
export async function startTestGitRepo(branches: Record<string, Record<string, string>>, options: { token?: string; name?: string } = {}): Promise<TestGitRepo> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'git-artifact-'));
  const work = path.join(dir, 'work');
  const name = options.name ?? 'manifests';
  const bare = path.join(dir, `${name}.git`);
  await fs.mkdir(work);
  await git(work, 'init', '--quiet');
  for (const [branch, files] of Object.entries(branches)) {
    await git(work, 'checkout', '--quiet', '--orphan', branch);
    await git(work, 'rm', '-r', '--quiet', '--cached', '--ignore-unmatch', '.');
    for (const entry of await fs.readdir(work)) if (entry !== '.git') await fs.rm(path.join(work, entry), { recursive: true });
    for (const [file, content] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(work, file)), { recursive: true });
      await fs.writeFile(path.join(work, file), content);
    }
    await git(work, 'add', '.');
    await git(work, 'commit', '--quiet', '-m', `${branch}`);
  }
  await git(dir, 'clone', '--quiet', '--bare', work, bare);
  await git(bare, 'update-server-info');
  const server = createServer((req, res) => {
    if (options.token && req.headers.authorization !== `Basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`) {
      req.resume();
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end();
      return;
    }
    serveSmartHttp(dir, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${name}.git`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `git http-backend` as a CGI program for one request (git's own smart HTTP server side). */
function serveSmartHttp(projectRoot: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const cgi = spawn('git', ['http-backend'], {
    env: {
      NODE_ENV: process.env.NODE_ENV,
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      REMOTE_ADDR: '127.0.0.1',
    },
  });
  req.pipe(cgi.stdin);
  const chunks: Buffer[] = [];
  cgi.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  cgi.on('close', () => {
    const out = Buffer.concat(chunks);
    const split = out.indexOf('\r\n\r\n');
    const headerEnd = split >= 0 ? split : out.indexOf('\n\n');
    const headerText = out.subarray(0, headerEnd).toString('latin1');
    const body = out.subarray(headerEnd + (split >= 0 ? 4 : 2));
    const headers: Record<string, string> = {};
    let status = 200;
    for (const line of headerText.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'status') status = Number(value.split(' ')[0]) || 200;
      else headers[key] = value;
    }
    res.writeHead(status, headers).end(body);
  });
}
