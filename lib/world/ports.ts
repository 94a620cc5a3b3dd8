import net from 'node:net';

function listenOnce(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * The preferred port if nothing listens on it, else one the kernel hands out. A fixed default keeps URLs
 * stable for people; the fallback keeps a busy port (or a second checkout) from breaking the tests.
 */
export async function choosePort(preferred: number): Promise<number> {
  const port = (await listenOnce(preferred)) ?? (await listenOnce(0));
  if (port === undefined) throw new Error('Could not find a free TCP port on 127.0.0.1');
  return port;
}
