/**
 * The server side of the floor and executions-list benchmarks, as its own process so that it can be
 * pinned to a core and profiled (`--cpu-prof`) apart from the load generator: the route handlers
 * `next start` serves for GET /api/v1/me (the floor: token check, tiny JSON) and GET
 * /api/v1/executions, behind node:http as Next would hand them a Request (Next's router is left
 * out of both alike). Configuration and database come from the environment (FORESAIL_CONFIG,
 * DATABASE_URL). Prints `listening <port>`. On stdin, `profile start` and `profile stop <file>`
 * record a V8 CPU profile (what `node --cpu-prof` writes, but of the measured requests only, not of
 * start-up and module loading); each command is answered `ok`. SIGTERM closes it.
 */
import fs from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import readline from 'node:readline';
import type { AddressInfo } from 'node:net';
import { GET as listExecutions } from '../../app/api/v1/executions/route';
import { GET as me } from '../../app/api/v1/me/route';

type Handler = (req: Request, segment: { params: Promise<Record<string, never>> }) => Promise<Response>;
const routes = new Map<string, Handler>([
  ['/api/v1/me', me],
  ['/api/v1/executions', listExecutions],
]);

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const handler = routes.get(url.pathname);
  if (!handler) {
    res.writeHead(404);
    res.end();
    return;
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  handler(new Request(url, { method: req.method, headers }), { params: Promise.resolve({}) })
    .then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    })
    .catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
const inspector = new Session();
inspector.connect();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [verb, action, file] = line.trim().split(/\s+/);
  if (verb !== 'profile') return;
  const done = action === 'start'
    ? inspector.post('Profiler.enable').then(() => inspector.post('Profiler.setSamplingInterval', { interval: 500 })).then(() => inspector.post('Profiler.start'))
    : inspector.post('Profiler.stop').then(({ profile }) => fs.writeFileSync(file ?? 'server.cpuprofile', JSON.stringify(profile)));
  done.then(() => process.stdout.write('ok\n'), (err: unknown) => process.stdout.write(`error ${String(err)}\n`));
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
