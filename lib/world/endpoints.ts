import fs from 'node:fs';
import type { ClusterInfo } from './cluster/cluster.ts';
import type { LdapInfo } from './ldap.ts';
import { endpointsFile } from './paths.ts';
import type { PrometheusInfo } from './prometheus.ts';
import { isRecord, writeJsonAtomic } from './state.ts';

/** What is running in the test world, as published in .foresail/services/endpoints.json. */
export interface ServicesInfo {
  ldap?: LdapInfo;
  prometheus?: PrometheusInfo;
  clusters: Record<string, ClusterInfo>;
}

function parse(text: string): ServicesInfo {
  const value: unknown = JSON.parse(text);
  if (!isRecord(value)) throw new Error(`${endpointsFile} does not hold an object`);
  // Written only by recordEndpoints below, so the shape is ours; this guards against hand edits.
  const info = value as Partial<ServicesInfo>;
  return { ldap: info.ldap, prometheus: info.prometheus, clusters: isRecord(info.clusters) ? info.clusters : {} };
}

function load(): ServicesInfo {
  try {
    return parse(fs.readFileSync(endpointsFile, 'utf8'));
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return { clusters: {} };
    throw err;
  }
}

/**
 * The endpoints of the running services, for tests and tools. Throws when the file does not exist, which
 * means nothing was started: run the suite through the `integration` project or `npm run services:up`.
 */
export function readServices(): ServicesInfo {
  if (!fs.existsSync(endpointsFile)) {
    throw new Error(`${endpointsFile} does not exist: no test services are running (try \`npm run services:up\`)`);
  }
  return load();
}

export function readLdap(): LdapInfo {
  const { ldap } = readServices();
  if (!ldap) throw new Error(`LDAP is not running (not in ${endpointsFile}); try \`npm run ldap:up\``);
  return ldap;
}

export function readPrometheus(): PrometheusInfo {
  const { prometheus } = readServices();
  if (!prometheus) throw new Error(`Prometheus is not running (not in ${endpointsFile}); try \`npm run prometheus:up\``);
  return prometheus;
}

export function readCluster(name: string): ClusterInfo {
  const cluster = readServices().clusters[name];
  if (!cluster) throw new Error(`Cluster "${name}" is not running (not in ${endpointsFile})`);
  return cluster;
}

/** Merges freshly started (or reused) services into the endpoints file. */
export function recordEndpoints(update: Partial<ServicesInfo>): void {
  const current = load();
  writeJsonAtomic(endpointsFile, {
    ldap: update.ldap ?? current.ldap,
    prometheus: update.prometheus ?? current.prometheus,
    clusters: { ...current.clusters, ...update.clusters },
  });
}

/** Removes stopped services from the endpoints file. */
export function forgetEndpoints(stopped: { ldap?: boolean; prometheus?: boolean; clusters?: readonly string[] }): void {
  if (!fs.existsSync(endpointsFile)) return;
  const current = load();
  const gone = new Set(stopped.clusters ?? []);
  const clusters = Object.fromEntries(Object.entries(current.clusters).filter(([name]) => !gone.has(name)));
  writeJsonAtomic(endpointsFile, {
    ldap: stopped.ldap ? undefined : current.ldap,
    prometheus: stopped.prometheus ? undefined : current.prometheus,
    clusters,
  });
}
