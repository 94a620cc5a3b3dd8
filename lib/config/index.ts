export { ConfigError, loadConfig, type ConfigIssue } from './load';
export { configNotices } from './notices';
export { redactConfig } from './redact';
export { configSchema, type ForesailConfig } from './schema';
