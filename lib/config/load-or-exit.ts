import { ConfigError, loadConfig } from './load';
import type { ForesailConfig } from './schema';

/**
 * The configuration for a command-line entry point (the CLI, the image's entrypoint): a bad
 * configuration ends the process with its plain message and exit code 2, not a stack trace.
 */
export function loadConfigOrExit(): ForesailConfig {
  try {
    return loadConfig({ env: process.env });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Foresail cannot start.\n${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
