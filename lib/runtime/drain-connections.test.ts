import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { drainKeptAliveConnections } from './drain-connections';

interface Answer {
  connection: string | undefined;
  socketPort: number | undefined;
}

function get(port: number, agent: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, agent, path: '/' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ connection: res.headers.connection, socketPort: req.socket?.localPort }));
    });
    req.on('error', reject);
  });
}

describe('drainKeptAliveConnections', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  it('keeps connections alive until drain(), then answers Connection: close on a connection that was kept alive', async () => {
    const drainer = drainKeptAliveConnections();
    const server = http.createServer((_req, res) => res.end('ok'));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(port, agent);
      const second = await get(port, agent);
      expect(first.connection).toBe('keep-alive');
      expect(second.socketPort).toBe(first.socketPort);

      drainer.drain();
      const closing = await get(port, agent);
      expect(closing.connection).toBe('close');
      // The socket that was kept alive carried that answer and is not used again.
      expect(closing.socketPort).toBe(first.socketPort);
      const after = await get(port, agent);
      expect(after.socketPort).not.toBe(first.socketPort);
    } finally {
      agent.destroy();
    }
  });
});
