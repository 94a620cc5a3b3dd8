import { stringify } from 'yaml';
import { ConfigError, loadConfig, redactConfig } from '../config';

/**
 * `foresail config check [file]`: validates configuration exactly as start-up does (file plus
 * environment) without starting anything. Prints the effective configuration with secrets masked.
 */
export function runConfigCheck(file: string | undefined, out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  const source = file ?? process.env.FORESAIL_CONFIG;
  try {
    const config = loadConfig({ env: process.env, file: source });
    out.write(`${source ? `${source} is valid` : 'Configuration (environment and defaults) is valid'}.\n\nEffective configuration:\n`);
    out.write(stringify(redactConfig(config)));
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      err.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
