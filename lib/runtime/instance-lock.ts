import fs from 'node:fs';
import path from 'node:path';

/** What `<dataDir>/foresail.lock` says about the Foresail using that folder. */
export interface InstanceInfo {
  pid: number;
  /** The process's start time (clock ticks since boot), so a recycled PID is not mistaken for it. */
  startTicks: string;
  url: string;
  mode: string;
  startedAt: string;
  /** The embedded PostgreSQL as the supervisor sees it; /api/health reports "database restarting". */
  database: 'starting' | 'running' | 'restarting' | 'stopping';
}

export class InstanceBusyError extends Error {
  constructor(
    readonly owner: InstanceInfo,
    readonly dataDir: string,
  ) {
    super(
      `Foresail is already running on the data folder ${dataDir} (PID ${owner.pid}, ${owner.url}). ` +
        `Stop it first (kill ${owner.pid}), or give this one its own folder with FORESAIL_DATA_DIR.`,
    );
    this.name = 'InstanceBusyError';
  }
}

export interface InstanceLock {
  file: string;
  update(patch: Partial<Pick<InstanceInfo, 'database'>>): void;
  release(): void;
}

export const lockFileName = 'foresail.lock';

export function startTicksOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); fields after the command name start at field 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** True while the process that wrote `info` runs (same PID and same start time). */
export function isInstanceAlive(info: InstanceInfo): boolean {
  return startTicksOf(info.pid) === info.startTicks;
}

function parse(raw: string): InstanceInfo | undefined {
  try {
    const info = JSON.parse(raw) as Partial<InstanceInfo>;
    return typeof info.pid === 'number' && typeof info.startTicks === 'string' ? (info as InstanceInfo) : undefined;
  } catch {
    return undefined;
  }
}

/** The live Foresail using `dataDir`, if any. */
export function readInstance(dataDir: string): InstanceInfo | undefined {
  try {
    const info = parse(fs.readFileSync(path.join(dataDir, lockFileName), 'utf8'));
    return info && isInstanceAlive(info) ? info : undefined;
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, info: InstanceInfo, exclusive: boolean): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(info)}\n`, { mode: 0o644 });
  try {
    // link() fails if the lock exists, so exactly one starter wins, and the file appears whole.
    if (exclusive) fs.linkSync(temp, file);
    else fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Makes this process the one Foresail using `dataDir`, or throws InstanceBusyError naming the
 * running one. A lock left by a Foresail that died (SIGKILL, power loss) is taken over; only then
 * may the caller stop a PostgreSQL that dead instance left running.
 */
export function acquireInstanceLock(dataDir: string, about: Pick<InstanceInfo, 'url' | 'mode'>): InstanceLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, lockFileName);
  const startTicks = startTicksOf(process.pid);
  if (!startTicks) throw new Error('Cannot read this process in /proc; Foresail runs on Linux');
  let info: InstanceInfo = { pid: process.pid, startTicks, ...about, startedAt: new Date().toISOString(), database: 'starting' };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeAtomically(file, info, true);
      return {
        file,
        update(patch) {
          info = { ...info, ...patch };
          writeAtomically(file, info, false);
        },
        release() {
          const current = fs.existsSync(file) ? parse(fs.readFileSync(file, 'utf8')) : undefined;
          if (current?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // removed meanwhile: try again
    }
    const owner = parse(raw);
    if (owner && isInstanceAlive(owner)) throw new InstanceBusyError(owner, dataDir);
    // Stale. Remove it only if it is still the file we judged, so a lock another starter just
    // took is never removed.
    try {
      if (fs.readFileSync(file, 'utf8') === raw) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  }
  throw new Error(`Could not take the lock ${file}; another Foresail may be starting on the same folder`);
}
