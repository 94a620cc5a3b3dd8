export { ConfigError, loadConfig, type ConfigIssue } from './load';
export { redactConfig } from './redact';
export { configSchema, type ForesailConfig } from './schema';
