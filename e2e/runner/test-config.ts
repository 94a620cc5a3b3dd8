import fs from 'node:fs';
import { parse, stringify } from 'yaml';
import { reloadConfig } from '../../lib/env';
import { writeTestConfig, type TestConfig } from './test-config-file';

export { makeTestDir, writeTestConfig, type TestConfig } from './test-config-file';

/**
 * Writes `config` and makes it this process's configuration (FORESAIL_CONFIG, read again at once);
 * returns the file, for worker processes or a Foresail server the test starts with it.
 */
export function setTestConfig(config: TestConfig, dir?: string): string {
  const file = writeTestConfig(config, dir);
  process.env.FORESAIL_CONFIG = file;
  reloadConfig();
  return file;
}

/** Replaces the named top-level sections of the configuration in force (as set by setTestConfig or useAuthConfig). */
export function extendTestConfig(sections: TestConfig): void {
  const file = process.env.FORESAIL_CONFIG;
  if (!file) throw new Error('No test configuration is in force (FORESAIL_CONFIG is not set)');
  const config = parse(fs.readFileSync(file, 'utf8')) as TestConfig;
  fs.writeFileSync(file, stringify({ ...config, ...sections }));
  reloadConfig();
}

/** Back to the configuration the environment alone gives. */
export function clearTestConfig(): void {
  delete process.env.FORESAIL_CONFIG;
  reloadConfig();
}
