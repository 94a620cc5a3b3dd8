import fs from 'node:fs';
import path from 'node:path';
import { startTicksOf } from '../runtime/instance-lock';
import { worldStatusFileSchema, type WorldPart, type WorldStatusDto, type WorldStatusFile } from './status';
import { isWorldReady } from './status-text';

/**
 * The demo world's status travels from the world runner to the web server through one small file,
 * `<dataDir>/world/status.json`: the runner needs no database (it starts before PostgreSQL is
 * migrated, keeps going while it restarts, and may be the only thing running), and polling a file
 * of a few hundred bytes costs the web server nothing. The web trusts it only as far as it checks it
 * (readWorldStatus): a regular file (no symlink), owned by Foresail's user, small, and valid against
 * a strict schema whose strings are bounded; anything else reads as "no status".
 */
const maxBytes = 64 * 1024;

/** Replaces the status file whole (temporary file + rename), so a reader never sees half of it. */
export function writeWorldStatus(file: string, parts: readonly WorldPart[]): void {
  const startTicks = startTicksOf(process.pid);
  if (!startTicks) throw new Error('Cannot read this process in /proc; Foresail runs on Linux');
  const status: WorldStatusFile = { version: 1, runner: { pid: process.pid, startTicks }, updatedAt: Date.now(), parts: [...parts] };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(worldStatusFileSchema.parse(status))}\n`, { mode: 0o644 });
  fs.renameSync(temp, file);
}

function readTrusted(file: string): WorldStatusFile | undefined {
  let fd: number;
  try {
    // O_NOFOLLOW: a symlink planted at this path is refused, not followed.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes || (process.getuid && stat.uid !== process.getuid())) return undefined;
    const parsed = worldStatusFileSchema.safeParse(JSON.parse(fs.readFileSync(fd, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** What GET /api/v1/demo/world answers: the parts as the runner last wrote them, and whether it still runs. */
export function readWorldStatus(file: string, now = Date.now()): WorldStatusDto {
  const status = readTrusted(file);
  if (!status) return { runner: 'absent', ready: false, serverTime: now, parts: [] };
  const alive = startTicksOf(status.runner.pid) === status.runner.startTicks;
  return { runner: alive ? 'running' : 'stopped', ready: alive && isWorldReady(status.parts), serverTime: now, parts: status.parts };
}
