import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

// Apart from test-config.ts, which puts a configuration in force through lib/env (server-only):
// Playwright's support files write a file for a Foresail process and must not load lib/env.

/** A Foresail configuration as a test writes it (the YAML file's content). */
export type TestConfig = Record<string, unknown>;

/** A new empty folder under the system's temporary folder. */
export const makeTestDir = (prefix = 'foresail-config-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** Writes `config` as `foresail.yaml` in `dir` (a new temporary folder unless given) and returns the file's path. */
export function writeTestConfig(config: TestConfig, dir = makeTestDir()): string {
  const file = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(file, stringify(config));
  return file;
}
