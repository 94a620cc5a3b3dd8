import diagnosticsChannel from 'node:diagnostics_channel';
import http from 'node:http';

/**
 * Makes this process's HTTP servers close each kept-alive connection after its next answer once
 * `drain()` was called. A server's `close()` closes only idle connections: one busy at that moment
 * stays open, and a proxy keeps sending requests on it until the process exits and cuts one mid-answer.
 * With `Connection: close` on every answer while draining, the proxy opens its next connection to
 * another replica. Works on servers this code does not own (Next.js creates its own) through
 * Node's `http.server.request.start` diagnostics channel.
 */
export function drainKeptAliveConnections(): { drain(): void } {
  let draining = false;
  diagnosticsChannel.subscribe('http.server.request.start', (message) => {
    if (draining && isRequestStart(message)) message.response.shouldKeepAlive = false;
  });
  return {
    drain() {
      draining = true;
    },
  };
}

function isRequestStart(message: unknown): message is { response: http.ServerResponse } {
  return typeof message === 'object' && message !== null && 'response' in message && message.response instanceof http.ServerResponse;
}
