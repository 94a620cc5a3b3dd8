export { ConfigError, loadConfig, type ConfigIssue } from './load';
export { loadConfigOrExit } from './load-or-exit';
export { configNotices } from './notices';
export { redactConfig } from './redact';
export { configSchema, type ForesailConfig } from './schema';
