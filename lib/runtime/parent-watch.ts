import fs from 'node:fs';

const shells = new Set(['sh', 'dash', 'bash']);

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state, ppid, ...
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * Calls `onGone` once when the process that started this one is gone. Linux has no portable
 * parent-death signal for Node, so this polls: a dead parent means we were re-parented (to init
 * or a subreaper). `npm start` runs scripts through `sh -c`, which stays between npm and us and
 * outlives npm when npm is killed, so under npm the shell's parent (npm itself) is watched too.
 */
export function watchParent(onGone: (reason: string) => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  const launcher = process.env.npm_lifecycle_event && shells.has(commandOf(parent)) ? parentOf(parent) : undefined;
  const timer = setInterval(() => {
    let reason: string | undefined;
    if (process.ppid !== parent) reason = `parent process ${parent} exited`;
    else if (launcher !== undefined && parentOf(parent) !== launcher) reason = `npm (process ${launcher}) exited`;
    if (reason === undefined) return;
    clearInterval(timer);
    onGone(reason);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
