import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load';
import { redactConfig } from './redact';

const dirs: string[] = [];
function load(text: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-config-'));
  dirs.push(dir);
  const file = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(file, text);
  return loadConfig({ env: { GH_TOKEN: 'ghp_from_env' }, file });
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function issuesOf(text: string): { key: string; message: string }[] {
  try {
    load(text);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => ({ key: i.key, message: i.message }));
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('artifacts.accounts', () => {
  it('reads accounts of each type, with credentials from the environment, and masks them when shown', () => {
    const config = load(
      'artifacts:\n  accounts:\n' +
        '    - { name: ghe, type: github/file, baseUrl: "https://ghe.example.com/api/v3", token: "${GH_TOKEN}" }\n' +
        '    - { name: web, type: http/file, username: deployer, password: pw-value }\n' +
        '    - { name: git, type: git/repo, username: bot, token: git-token }\n',
    );
    expect(config.artifacts.accounts.map((a) => [a.name, a.type])).toEqual([['ghe', 'github/file'], ['web', 'http/file'], ['git', 'git/repo']]);
    expect(config.artifacts.accounts[0]?.token).toBe('ghp_from_env');
    expect(JSON.stringify(redactConfig(config.artifacts))).not.toMatch(/ghp_from_env|pw-value|git-token/);
    expect(load('').artifacts.accounts).toEqual([]);
  });

  it('names each bad field in plain words', () => {
    expect(issuesOf('artifacts:\n  accounts:\n    - { name: Bad_Name, type: s3/object }\n')).toEqual([
      { key: 'artifacts.accounts[0].name', message: 'lowercase letters, digits and dashes, starting with a letter' },
      { key: 'artifacts.accounts[0].type', message: 'must be one of "http/file", "github/file", "git/repo"' },
    ]);
    expect(issuesOf('artifacts:\n  accounts:\n    - { name: a, type: http/file, password: x }\n    - { name: a, type: github/file, baseUrl: "ftp://x" }\n')).toEqual([
      { key: 'artifacts.accounts[0].username', message: 'is required with a password' },
      { key: 'artifacts.accounts[1].baseUrl', message: 'must be an http:// or https:// URL' },
      { key: 'artifacts.accounts[1].name', message: 'duplicate artifact account name a' },
    ]);
    expect(issuesOf('artifacts:\n  accounts:\n    - { name: a, type: git/repo, token: t, tokenFile: /nonexistent/token }\n')).toEqual([
      { key: 'artifacts.accounts[0].token', message: 'set token or tokenFile, not both' },
      { key: 'artifacts.accounts[0].tokenFile', message: 'file not found: /nonexistent/token' },
    ]);
  });
});
