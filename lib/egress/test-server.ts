import 'server-only';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface TestServer {
  /** `http://<host>:<port>` (host 127.0.0.1 unless chosen) */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Handler = (req: RecordedRequest, res: ServerResponse, raw: IncomingMessage) => void;

/**
 * A real HTTP server for tests on 127.0.0.1 (or another loopback address, and a chosen port: two
 * servers on one port at 127.0.0.1 and 127.0.0.2 tell which address a call really reached). It
 * records every request (with its body) before handing it on.
 */
export async function startTestServer(handler: Handler, at: { host?: string; port?: number } = {}): Promise<TestServer> {
  const host = at.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  const server = createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const recorded = { method: raw.method ?? '', path: raw.url ?? '', headers: raw.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      handler(recorded, res, raw);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
