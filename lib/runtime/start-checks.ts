import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { repoRoot, runtimePaths } from './paths';

/** A start-up problem the person starting Foresail can fix; the message says how. */
export class StartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartError';
  }
}

/** `npm start` serves the production build; `npm run demo` makes it once when missing. */
export function ensureProductionBuild(buildIfMissing: boolean): void {
  if (fs.existsSync(runtimePaths.buildId)) return;
  if (!buildIfMissing) throw new StartError('No production build found: run `npm run build` first (or `npm run demo`, which builds when needed)');
  process.stdout.write('No production build yet; running `next build` (once)...\n');
  const result = spawnSync(process.execPath, [runtimePaths.nextBin, 'build'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new StartError(`next build failed (exit code ${String(result.status)})`);
}

/** Fails at once, naming the port, instead of a web server that crash-loops on EADDRINUSE. */
export async function assertPortFree(host: string, port: number): Promise<void> {
  const problem = await new Promise<string | undefined>((resolve) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
  if (problem === 'EADDRINUSE') throw new StartError(`Port ${port} on ${host} is already in use (another program, or a Foresail with another data folder); choose another with PORT`);
  if (problem) throw new StartError(`Cannot listen on ${host}:${port} (${problem})`);
}

/**
 * Demo mode signs people in without GitHub, but sessions still need a secret: one is created
 * once under the data folder (0600) so sessions survive restarts.
 */
export function demoSessionSecret(dataDir: string): string {
  const file = path.resolve(dataDir, 'session.secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
