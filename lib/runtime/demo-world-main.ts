/**
 * The demo's world runner (`npm run demo`): a process the supervisor starts beside web and workers,
 * which runs the demo world (lib/world/demo-world.ts) and records its status for the web server.
 * Everything it starts stays in its process group; it stops all of it on SIGTERM, SIGINT, SIGHUP or
 * when the supervisor dies, and leaves nothing behind.
 */
import fs from 'node:fs';
import { readDemoWorldEnv } from '../config/demo-world';
import { demoExtras } from '../demo/extras';
import { getLogger } from '../log';
import { demoWorldPaths } from '../world/demo-paths';
import { startDemoWorld } from '../world/demo-world';
import { describePart } from '../world/status-text';
import { writeWorldStatus } from '../world/status-file';
import { watchParent } from './parent-watch';

process.env.FORESAIL_PROCESS ??= 'demo-world';
const log = getLogger().child({ component: 'demo-world' });
const dataDir = process.env.FORESAIL_DATA_DIR;
const env = readDemoWorldEnv(process.env);
if (!dataDir || !env) {
  process.stderr.write('demo-world-main: FORESAIL_DATA_DIR and FORESAIL_DEMO_WORLD must be set (the supervisor sets both in demo mode)\n');
  process.exit(2);
}

const { statusFile } = demoWorldPaths(dataDir);
const started = Date.now();
const world = startDemoWorld({
  dataDir,
  log: (line) => log.info(line),
  onStatus: (parts) => writeWorldStatus(statusFile, parts),
  extras: demoExtras,
  prometheusPort: Number(new URL(env.prometheusUrl).port),
});
writeWorldStatus(statusFile, world.parts());

void world.settled.then(() => {
  const now = Date.now();
  const seconds = ((now - started) / 1000).toFixed(1);
  log.info({ seconds }, `demo world settled after ${seconds} s: ${world.parts().map((part) => describePart(part, now)).join('; ')}`);
});

/** State letter and process group of `pid`, from the fields after the parenthesised command name. */
function processInfo(pid: number | 'self'): { state: string; group: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', group: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** Live members of our process group other than us (a zombie has exited already; it only waits to be reaped). */
function othersInOurGroup(): number[] {
  return fs.readdirSync('/proc').flatMap((entry) => {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) return [];
    const info = processInfo(pid);
    return info && info.group === process.pid && info.state !== 'Z' ? [pid] : [];
  });
}

/**
 * SIGKILLs whatever is left in our process group (a build's compiler, a server that ignored SIGTERM),
 * except us, and waits (up to 5 s) until they are gone: a SIGKILL is delivered asynchronously, and
 * whoever stopped us may check the group the moment we exit. Only when we lead the group (the
 * supervisor starts us so): never a group we merely joined.
 */
async function killOurGroup(): Promise<void> {
  if (processInfo('self')?.group !== process.pid) return;
  for (const pid of othersInOurGroup()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  const deadline = Date.now() + 5_000;
  while (othersInOurGroup().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

let stopping = false;
async function stop(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ reason }, 'stopping the demo world');
  await world.stop().catch((err: unknown) => log.error({ err: err instanceof Error ? err.message : String(err) }, 'stopping the demo world failed'));
  await killOurGroup();
  log.info('demo world stopped');
  process.exit(0);
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
watchParent((reason) => void stop(reason));
// The servers hold no handle in this process: without this, it would exit once the world is up.
setInterval(() => undefined, 1 << 30);
