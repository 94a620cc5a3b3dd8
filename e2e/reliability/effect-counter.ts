import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a system that receives webhook side effects: it applies each Idempotency-Key
 * once (as idempotent APIs do) and counts deliveries, so a test can tell redeliveries (allowed:
 * at-least-once) from duplicated effects (not allowed).
 */
export interface EffectCounter {
  url: string;
  /** key → number of deliveries */
  deliveries: Map<string, number>;
  /** Requests without a key (would be unsafe to retry). */
  unkeyed: number;
  close(): Promise<void>;
}

export async function startEffectCounter(): Promise<EffectCounter> {
  const deliveries = new Map<string, number>();
  const state = { unkeyed: 0 };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      if (typeof key === 'string') deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
      else state.unkeyed += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    get unkeyed() {
      return state.unkeyed;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
