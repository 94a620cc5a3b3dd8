import { loadConfig, type ForesailConfig } from './config';

let cached: ForesailConfig | undefined;

/**
 * The process's validated configuration (environment + optional FORESAIL_CONFIG file). The
 * supervisor validates it before starting anything, so a failure here means the environment
 * changed under a running process.
 */
export function getConfig(): ForesailConfig {
  cached ??= loadConfig({ env: process.env });
  return cached;
}

/** Re-reads configuration after process.env changed (tests, the demo seeding its own database). */
export function reloadConfig(): void {
  cached = undefined;
}
