import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorldPart } from './status';
import { readWorldStatus, writeWorldStatus } from './status-file';

const dirs: string[] = [];
function statusPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-world-status-'));
  dirs.push(dir);
  return path.join(dir, 'world', 'status.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const parts: WorldPart[] = [
  { id: 'kubernetes', label: 'Kubernetes', required: true, state: 'ready', since: 1 },
  { id: 'prometheus', label: 'Prometheus', required: true, state: 'ready', since: 2 },
  { id: 'ldap', label: 'OpenLDAP', required: false, state: 'unavailable', missing: 'slapd', fix: 'sudo apt-get install -y --no-install-recommends slapd ldap-utils' },
];

describe('the world status file', () => {
  it('round-trips what the runner writes, ready when the required parts are', () => {
    const file = statusPath();
    writeWorldStatus(file, parts);
    expect(readWorldStatus(file, 42)).toEqual({ runner: 'running', ready: true, serverTime: 42, parts });
    writeWorldStatus(file, [{ ...parts[0]!, state: 'building', step: 2, total: 6, item: 'kube-apiserver', since: 5 }, ...parts.slice(1)]);
    expect(readWorldStatus(file)).toMatchObject({ runner: 'running', ready: false, parts: [{ state: 'building', step: 2 }, {}, {}] });
  });

  it('says the runner stopped when the process that wrote it is gone', () => {
    const file = statusPath();
    const writer = `import { writeWorldStatus } from ${JSON.stringify(path.join(import.meta.dirname, 'status-file.ts'))}; writeWorldStatus(${JSON.stringify(file)}, ${JSON.stringify(parts)});`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(readWorldStatus(file)).toMatchObject({ runner: 'stopped', ready: false, parts });
  });

  it('reads as absent when missing, a symlink, too big or not a status', () => {
    const file = statusPath();
    expect(readWorldStatus(file)).toMatchObject({ runner: 'absent', ready: false, parts: [] });

    const elsewhere = `${file}.real`;
    writeWorldStatus(elsewhere, parts);
    fs.symlinkSync(elsewhere, file);
    expect(readWorldStatus(file).runner).toBe('absent'); // a planted symlink is not followed
    fs.rmSync(file);

    writeWorldStatus(file, parts);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as { parts: Record<string, unknown>[] };
    fs.writeFileSync(file, JSON.stringify({ ...written, parts: [{ ...written.parts[0], label: 'x'.repeat(81) }] }));
    expect(readWorldStatus(file).runner).toBe('absent'); // bounded strings
    fs.writeFileSync(file, JSON.stringify({ ...written, extra: true }));
    expect(readWorldStatus(file).runner).toBe('absent'); // unknown keys
    fs.writeFileSync(file, `${JSON.stringify(written)}${' '.repeat(70_000)}`);
    expect(readWorldStatus(file).runner).toBe('absent'); // over 64 KiB
    fs.writeFileSync(file, '{"version":');
    expect(readWorldStatus(file).runner).toBe('absent');
  });
});
