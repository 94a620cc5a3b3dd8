import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

function foresail(args: string[], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete base.DATABASE_URL;
  delete base.FORESAIL_CONFIG;
  delete base.PORT;
  return spawnSync(tsx, ['--conditions=react-server', 'lib/cli/main.ts', ...args], { cwd: root, env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 });
}

function tempFile(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-cli-')), 'foresail.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('foresail CLI', () => {
  it('refuses to start with a malformed URL, naming the key, before starting anything', () => {
    const result = foresail(['start'], { DATABASE_URL: 'not a url' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('database.url (environment variable DATABASE_URL)');
    expect(result.stderr).toMatch(/PostgreSQL URL/);
  });

  it('refuses to start with a bad config file value', () => {
    const result = foresail(['start'], { FORESAIL_CONFIG: tempFile('server:\n  port: 99999\n') });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/server\.port .*must be at most 65535/);
  });

  it('config check validates a good file and prints it with secrets masked', () => {
    const file = tempFile('database:\n  url: postgresql://fs:topsecret@db.internal:5432/foresail\nserver:\n  port: 8080\n');
    const result = foresail(['config', 'check', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${file} is valid`);
    expect(result.stdout).toContain('port: 8080');
    expect(result.stdout).not.toContain('topsecret');
  });

  it('config check names every bad key and exits 2', () => {
    const file = tempFile('server:\n  prot: 1\nworker:\n  concurrency: 0\n');
    const result = foresail(['config', 'check', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('server.prot');
    expect(result.stderr).toMatch(/worker\.concurrency .*must be at least 1/);
  });

  it('explains unknown commands', () => {
    const result = foresail(['deploy-everything']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Unknown command.*\n[\s\S]*config check/);
  });
});
