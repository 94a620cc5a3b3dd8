/**
 * (Issue 20, target 6) Idle memory of every process `npm start` runs: one row per process (RSS, and
 * PSS, which splits shared pages between sharers), then the sums the targets name — web,
 * worker, PostgreSQL (PSS, because its processes share the buffer cache) and the supervisor, ≤ 350 MB
 * together and the supervisor ≤ 40 MB. npm and sh, which only launch the supervisor, are listed
 * apart and not counted: a deployment runs the supervisor directly.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { waitForExit } from '../../lib/runtime/processes';
import { mib, processTree, type ProcessInfo } from './process-tree';
import type { BenchRow } from './types';

type Role = 'web (next start)' | 'worker' | 'PostgreSQL (PSS)' | 'supervisor' | 'launchers (npm, sh)';

function roleOf(p: ProcessInfo): Role {
  if (p.cmdline.startsWith('next-server') || p.cmdline.includes('next/dist/bin/next')) return 'web (next start)';
  if (p.cmdline.includes('worker-main')) return 'worker';
  if (p.cmdline.includes('postgres')) return 'PostgreSQL (PSS)';
  if (p.cmdline.startsWith('sh ') || p.cmdline.startsWith('npm')) return 'launchers (npm, sh)';
  if (p.cmdline.includes('launch.mjs') || p.cmdline.includes('supervisor')) return 'supervisor';
  return 'launchers (npm, sh)';
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/** Of a process's RSS, what is its own (heap, stacks: RssAnon) and what is mapped from files (the node binary, libraries: RssFile). */
function rssParts(pid: number): string {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return `anonymous ${mib(kb('RssAnon'))}, files ${mib(kb('RssFile'))}`;
  } catch {
    return 'ended';
  }
}

/**
 * The memory floor: what an idle Node process that loaded nothing holds (RSS), with the same Node
 * binary, measured in the same run — no Node process of Foresail can be smaller.
 */
export async function emptyNodeRss(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 2_000));
    return processTree(child.pid ?? -1)[0]?.rssBytes ?? Number.NaN;
  } finally {
    child.kill();
    await waitForExit(child, 5_000);
  }
}

export function idleMemoryRows(rootPid: number, nodeFloorBytes?: number): BenchRow[] {
  const tree = processTree(rootPid);
  const rows: BenchRow[] = [];
  const floorNote = (bytes: number) => (nodeFloorBytes ? `; ${(bytes / nodeFloorBytes).toFixed(1)}× an empty Node process` : '');
  const sums = new Map<Role, { bytes: number; count: number }>();
  for (const p of tree) {
    const role = roleOf(p);
    const bytes = role === 'PostgreSQL (PSS)' ? p.pssBytes : p.rssBytes;
    const sum = sums.get(role) ?? { bytes: 0, count: 0 };
    sums.set(role, { bytes: sum.bytes + bytes, count: sum.count + 1 });
    const command = p.cmdline.length > 70 ? `${p.cmdline.slice(0, 67)}…` : p.cmdline;
    rows.push({ metric: `  pid ${p.pid} ${role}`, value: mib(p.rssBytes), note: `RSS (${rssParts(p.pid)}); PSS ${mib(p.pssBytes)}; ${command}` });
  }
  let total = 0;
  for (const role of ['web (next start)', 'worker', 'PostgreSQL (PSS)', 'supervisor', 'launchers (npm, sh)'] as const) {
    const sum = sums.get(role);
    if (!sum) continue;
    if (role !== 'launchers (npm, sh)') total += sum.bytes;
    rows.push({
      metric: `idle memory: ${role}`,
      value: mib(sum.bytes),
      ...(role === 'supervisor' ? { target: '≤ 40 MB' } : {}),
      note: `${megabytes(sum.bytes)}; ${sum.count} process(es)${role === 'launchers (npm, sh)' ? '; not counted' : ''}${role === 'web (next start)' || role === 'worker' || role === 'supervisor' ? floorNote(sum.bytes) : ''}`,
    });
  }
  if (nodeFloorBytes) rows.push({ metric: 'floor: an idle empty Node process (same binary)', value: mib(nodeFloorBytes), note: megabytes(nodeFloorBytes) });
  rows.push({ metric: 'idle memory: web + worker + PostgreSQL + supervisor', value: mib(total), target: '≤ 350 MB', note: megabytes(total) });
  return rows;
}
