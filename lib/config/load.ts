import fs from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatPath } from '../errors';
import { demoWorldEnvKey, readDemoWorldEnv, withDemoWorld, type DemoWorldEnv } from './demo-world';
import { convertEnvValue, envKeys } from './env-keys';
import { configSchema, type ForesailConfig } from './schema';

export interface ConfigIssue {
  /** Dotted key in foresail.yaml, e.g. `database.url`. */
  key: string;
  /** Where the bad value came from: an environment variable name or the file (with line when known). */
  source: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${describeIssue(i)}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describeIssue(issue: ConfigIssue): string {
  const key = issue.key === '' ? '(top level)' : issue.key;
  return `${key} (${issue.source}): ${issue.message}`;
}

export interface LoadConfigOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** foresail.yaml path; defaults to env FORESAIL_CONFIG. No file is fine: everything has a default. */
  file?: string;
}

type Tree = Record<string, unknown>;
const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Loads and validates configuration. Throws ConfigError listing every problem with its key and
 * source, so start-up can stop with a message a person can act on.
 */
export function loadConfig(options: LoadConfigOptions): ForesailConfig {
  const file = options.file ?? options.env.FORESAIL_CONFIG;
  const issues: ConfigIssue[] = [];
  const fromFile = file ? readConfigFile(file, options.env, issues) : {};
  const sources = new Map<string, string>();
  const merged = applyEnv(fromFile, options.env, sources);
  let demoWorld: DemoWorldEnv | undefined;
  try {
    demoWorld = readDemoWorldEnv(options.env);
  } catch (err) {
    issues.push({ key: '', source: `environment variable ${demoWorldEnvKey}`, message: err instanceof Error ? err.message : String(err) });
  }
  if (issues.length > 0) throw new ConfigError(issues);

  const result = configSchema.safeParse(merged);
  if (result.success) return withDemoWorld(result.data, demoWorld);
  throw new ConfigError(result.error.issues.map((issue) => toConfigIssue(issue, sources, file)));
}

function toConfigIssue(issue: z.core.$ZodIssue, sources: Map<string, string>, file: string | undefined): ConfigIssue {
  const key = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((k) => (key ? `${key}.${k}` : k));
    return { key: names.join(', '), source: file ?? 'configuration', message: 'unknown key (check the spelling; see the README configuration reference)' };
  }
  const source = sources.get(key) ?? (file ? `file ${file}` : 'default');
  return { key, source, message: humanMessage(issue) };
}

function humanMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `must be at most ${String(issue.maximum)}`;
  return issue.message;
}

function readConfigFile(file: string, env: LoadConfigOptions['env'], issues: ConfigIssue[]): Tree {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'file cannot be read';
    issues.push({ key: '', source: `FORESAIL_CONFIG=${file}`, message: reason });
    return {};
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  for (const error of doc.errors) {
    const line = error.linePos?.[0]?.line;
    issues.push({ key: '', source: line ? `${file} line ${line}` : file, message: error.message.split('\n')[0] ?? 'invalid YAML' });
  }
  if (doc.errors.length > 0) return {};
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (!isTree(value)) {
    issues.push({ key: '', source: file, message: 'the file must contain a YAML mapping (key: value pairs)' });
    return {};
  }
  return expandVariables(value, env, [], file, issues) as Tree;
}

/** `${NAME}` in a string value reads the environment variable NAME (for secrets); `$$` is a literal `$`. */
function expandVariables(value: unknown, env: LoadConfigOptions['env'], path: string[], file: string, issues: ConfigIssue[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (match, name: string | undefined) => {
      if (match === '$$') return '$';
      const found = name ? env[name] : undefined;
      if (found === undefined) {
        issues.push({ key: path.join('.'), source: file, message: `refers to \${${name ?? ''}}, but that environment variable is not set` });
        return match;
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => expandVariables(item, env, [...path, String(i)], file, issues));
  if (isTree(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandVariables(v, env, [...path, k], file, issues)]));
  }
  return value;
}

function applyEnv(base: Tree, env: LoadConfigOptions['env'], sources: Map<string, string>): Tree {
  const out: Tree = structuredClone(base);
  for (const key of envKeys) {
    const raw = env[key.env];
    if (raw === undefined || raw === '') continue;
    let node = out;
    for (const segment of key.path.slice(0, -1)) {
      const next = node[segment];
      if (!isTree(next)) node[segment] = {};
      node = node[segment] as Tree;
    }
    const leaf = key.path[key.path.length - 1];
    if (leaf === undefined) continue;
    node[leaf] = convertEnvValue(raw, key.type);
    sources.set(key.path.join('.'), `environment variable ${key.env}`);
  }
  return out;
}
