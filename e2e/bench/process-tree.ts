import fs from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  cmdline: string;
  rssBytes: number;
  /** Proportional set size: shared pages split between sharers, so a sum does not double count. */
  pssBytes: number;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0) * 1024;
    return { pid, ppid, cmdline, rssBytes: kb('Rss'), pssBytes: kb('Pss') };
  } catch {
    return undefined;
  }
}

/** The process and all its descendants, from /proc. */
export function processTree(rootPid: number): ProcessInfo[] {
  const all = fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((p): p is ProcessInfo => p !== undefined);
  const byParent = new Map<number, ProcessInfo[]>();
  for (const p of all) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const out: ProcessInfo[] = [];
  const visit = (pid: number) => {
    for (const child of byParent.get(pid) ?? []) {
      out.push(child);
      visit(child.pid);
    }
  };
  const rootInfo = all.find((p) => p.pid === rootPid);
  if (rootInfo) out.push(rootInfo);
  visit(rootPid);
  return out;
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/**
 * CPU time used so far by a process and its descendants, in ms (user + system, with the time of
 * children already reaped, which the kernel adds to their parent): a difference of two readings is
 * what the tree spent in between. Assumes the usual 100 clock ticks a second.
 */
export function treeCpuMs(rootPid: number): number {
  let ticks = 0;
  for (const p of processTree(rootPid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the command: state is field 3, so utime (14), stime (15), cutime (16), cstime (17) are 11–14.
      for (const i of [11, 12, 13, 14]) ticks += Number(fields[i] ?? 0);
    } catch {
      // the process ended between the listing and the reading
    }
  }
  return ticks * 10;
}
