// Preloaded into the web process (node --import). Next.js fills X-Forwarded-For from the socket only
// when the client sent none, so route handlers cannot tell a forged header from a real one. This
// records the TCP peer of every request in its own header, replacing anything a client sent under
// that name; lib/request-meta.ts decides from it which X-Forwarded-For entries to believe.
import http from 'node:http';
import { peerAddressHeader } from './peer-address-header.ts';

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitWithPeer(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
  const req = args[0];
  if (event === 'request' && req instanceof http.IncomingMessage) req.headers[peerAddressHeader] = req.socket.remoteAddress ?? '';
  return Reflect.apply(emit, this, [event, ...args]) as boolean;
};
