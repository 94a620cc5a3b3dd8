import { stringify } from 'yaml';
import { ConfigError, configNotices, loadConfig, redactConfig } from '../config';

/**
 * `foresail config check [file]`: validates configuration exactly as start-up does (file plus
 * environment) without starting anything. Prints notes on settings that are valid but probably not
 * meant (configNotices), then the effective configuration with secrets masked.
 */
export function runConfigCheck(file: string | undefined, out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  const source = file ?? process.env.FORESAIL_CONFIG;
  try {
    const config = loadConfig({ env: process.env, file: source });
    out.write(`${source ? `${source} is valid` : 'Configuration (environment and defaults) is valid'}.\n`);
    const notices = configNotices(config);
    if (notices.length > 0) out.write(`\nNotes:\n${notices.map((n) => `  - ${n}\n`).join('')}`);
    out.write('\nEffective configuration:\n');
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
