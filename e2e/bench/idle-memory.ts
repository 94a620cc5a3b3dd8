/**
 * (Issue 20, target 6) Idle memory of every process `npm start` runs: one row per process (RSS, and
 * PSS, which splits shared pages between sharers), then the sums the targets name — web,
 * worker, PostgreSQL (PSS, because its processes share the buffer cache) and the supervisor, ≤ 350 MB
 * together and the supervisor ≤ 40 MB. npm and sh, which only launch the supervisor, are listed
 * apart and not counted: a deployment runs the supervisor directly.
 */
import { mib, processTree, type ProcessInfo } from './process-tree';
import type { BenchRow } from './types';

type Role = 'web (next start)' | 'worker' | 'PostgreSQL (PSS)' | 'supervisor' | 'launchers (npm, sh)';

function roleOf(p: ProcessInfo): Role {
  if (p.cmdline.startsWith('next-server') || p.cmdline.includes('next/dist/bin/next')) return 'web (next start)';
  if (p.cmdline.includes('worker-main')) return 'worker';
  if (p.cmdline.includes('postgres')) return 'PostgreSQL (PSS)';
  if (p.cmdline.includes('launch.mjs') || p.cmdline.includes('supervisor')) return 'supervisor';
  return 'launchers (npm, sh)';
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

export function idleMemoryRows(rootPid: number): BenchRow[] {
  const tree = processTree(rootPid);
  const rows: BenchRow[] = [];
  const sums = new Map<Role, { bytes: number; count: number }>();
  for (const p of tree) {
    const role = roleOf(p);
    const bytes = role === 'PostgreSQL (PSS)' ? p.pssBytes : p.rssBytes;
    const sum = sums.get(role) ?? { bytes: 0, count: 0 };
    sums.set(role, { bytes: sum.bytes + bytes, count: sum.count + 1 });
    const command = p.cmdline.length > 70 ? `${p.cmdline.slice(0, 67)}…` : p.cmdline;
    rows.push({ metric: `  pid ${p.pid} ${role}`, value: mib(p.rssBytes), note: `RSS; PSS ${mib(p.pssBytes)}; ${command}` });
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
      note: `${megabytes(sum.bytes)}; ${sum.count} process(es)${role === 'launchers (npm, sh)' ? '; not counted' : ''}`,
    });
  }
  rows.push({ metric: 'idle memory: web + worker + PostgreSQL + supervisor', value: mib(total), target: '≤ 350 MB', note: megabytes(total) });
  return rows;
}
