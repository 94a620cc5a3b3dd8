/**
 * The server side of the floor, executions-list and fan-out benchmarks, as its own process so that
 * it can be pinned to a core and profiled (`--cpu-prof`) apart from the load generator: the route
 * handlers `next start` serves for GET /api/v1/me (the floor: token check, tiny JSON), GET
 * /api/v1/executions and GET /api/v1/events (server-sent events, written as they come), behind
 * node:http as Next would hand them a Request (Next's router is left out of all alike). Configuration and database come from the environment (FORESAIL_CONFIG,
 * DATABASE_URL). Prints `listening <port>`. On stdin, `profile start` and `profile stop <file>`
 * record a V8 CPU profile (what `node --cpu-prof` writes, but of the measured requests only, not of
 * start-up and module loading), and `gc` runs a full garbage collection; each command is answered
 * `ok`. SIGTERM closes it.
 */
import fs from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import readline from 'node:readline';
import type { AddressInfo } from 'node:net';
import { GET as events } from '../../app/api/v1/events/route';
import { GET as listExecutions } from '../../app/api/v1/executions/route';
import { GET as me } from '../../app/api/v1/me/route';

type Handler = (req: Request, segment: { params: Promise<Record<string, never>> }) => Promise<Response>;
const routes = new Map<string, Handler>([
  ['/api/v1/me', me],
  ['/api/v1/executions', listExecutions],
  ['/api/v1/events', events],
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
  // A client that goes away aborts the request, as Next does: an event stream ends with it.
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  handler(new Request(url, { method: req.method, headers, signal: gone.signal }), { params: Promise.resolve({}) })
    .then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
        res.end(Buffer.from(await response.arrayBuffer()));
        return;
      }
      // Server-sent events are written as they come, each chunk at once.
      res.flushHeaders();
      try {
        for await (const chunk of response.body) res.write(chunk);
      } catch {
        // the client went away
      }
      res.end();
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
  if (verb === 'gc') {
    // A full collection, so that the resident memory read next is what is still referenced.
    inspector.post('HeapProfiler.collectGarbage').then(() => process.stdout.write('ok\n'), (err: unknown) => process.stdout.write(`error ${String(err)}\n`));
    return;
  }
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
