import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureSpin } from '../../lib/world/spin';

export interface SpinResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Spin {
  run(...args: string[]): Promise<SpinResult>;
  /** Runs and fails the test with spin's output if it does not exit 0. */
  ok(...args: string[]): Promise<string>;
  file(name: string, content: unknown): string;
  dispose(): void;
}

/** The real spin CLI, configured like a CI system would be: Gate endpoint + an API token as Basic password. */
export async function spinFor(baseUrl: string, token: string): Promise<Spin> {
  const bin = await ensureSpin(() => undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-spin-'));
  const config = path.join(dir, 'config');
  fs.writeFileSync(config, `gate:\n  endpoint: ${baseUrl}/api/gate\nauth:\n  enabled: true\n  basic:\n    username: ci\n    password: ${token}\n`);
  // stdin is /dev/null: spin reads stdin when no --file is given, and would wait forever on a pipe.
  const run = (...args: string[]) =>
    new Promise<SpinResult>((resolve) => {
      const child = spawn(bin, ['--config', config, '--no-color', ...args], { env: { ...process.env, HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
  return {
    run,
    async ok(...args) {
      const result = await run(...args);
      if (result.code !== 0) throw new Error(`spin ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
      return result.stdout;
    },
    file(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return file;
    },
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
