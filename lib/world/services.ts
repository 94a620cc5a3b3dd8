import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { ClusterInfo } from './cluster/cluster.ts';
import { forgetEndpoints, recordEndpoints, type ServicesInfo } from './endpoints.ts';
import { ensureLdap, stopLdap } from './ldap.ts';
import { repoRoot } from './paths.ts';
import { ensurePrometheus, stopPrometheus } from './prometheus.ts';

export type { ServicesInfo } from './endpoints.ts';

export interface ServicesWanted {
  ldap?: boolean;
  prometheus?: boolean;
  /** Names of local Kubernetes clusters (lib/world/cluster), e.g. ['staging', 'prod']. */
  clusters?: readonly string[];
}

type Log = (line: string) => void;

const defaultTestClusters = ['it-a', 'it-b'];

/** The local clusters a test run uses: FORESAIL_TEST_CLUSTERS=a,b (default it-a,it-b; empty = none). */
export function testClusterNames(): string[] {
  const fromEnv = process.env.FORESAIL_TEST_CLUSTERS;
  if (fromEnv === undefined) return defaultTestClusters;
  return fromEnv.split(',').map((name) => name.trim()).filter(Boolean);
}

/**
 * What this process started, as opposed to what it found running. Only these are stopped by
 * stopStartedServices(), so a test run never tears down a world someone started with `services:up`.
 */
const started = { ldap: false, prometheus: false, clusters: new Set<string>() };

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * Starts the wanted services that are not running yet, reuses the rest, publishes all their endpoints in
 * .foresail/services/endpoints.json and returns them. On failure, whatever this call already started stays
 * recorded, so the caller's stopStartedServices() still cleans it up.
 */
export async function ensureServices(wanted: ServicesWanted, log: Log = (line) => console.log(line)): Promise<ServicesInfo> {
  const info: ServicesInfo = { clusters: {} };

  if (wanted.ldap) {
    const t = Date.now();
    const ldap = await ensureLdap();
    info.ldap = ldap.info;
    if (ldap.started) started.ldap = true;
    recordEndpoints({ ldap: info.ldap });
    log(`[ldap] ${ldap.started ? 'started' : 'reusing'} ${info.ldap.url} (pid ${info.ldap.pid}, ${seconds(t)})`);
  }

  if (wanted.prometheus) {
    const t = Date.now();
    const prometheus = await ensurePrometheus();
    info.prometheus = prometheus.info;
    if (prometheus.started) started.prometheus = true;
    recordEndpoints({ prometheus: info.prometheus });
    log(`[prometheus] ${prometheus.started ? 'started' : 'reusing'} ${info.prometheus.url} (pid ${info.prometheus.pid}, ${seconds(t)})`);
  }

  const clusterNames = wanted.clusters ?? [];
  if (clusterNames.length > 0) {
    // Loaded only when clusters are wanted: LDAP/Prometheus-only runs need neither the module nor its build.
    const clusters = await import('./cluster/cluster.ts');
    const { ensureKubeBinaries } = await import('./cluster/build.ts');
    // startCluster would build too; doing it first gives the long first build its own progress lines.
    await ensureKubeBinaries({ log: (line) => log(`[cluster:build] ${line}`) });
    // One after another: each control plane is several processes, and these machines have 2 cores.
    for (const name of clusterNames) {
      const t = Date.now();
      const wasRunning = await clusters.isClusterRunning(name);
      // startCluster returns the running cluster's info when it is already up (it starts only what is missing).
      const cluster: ClusterInfo = await clusters.startCluster({ name, log: (line) => log(`[cluster ${name}] ${line}`) });
      if (!wasRunning) started.clusters.add(name);
      info.clusters[name] = cluster;
      recordEndpoints({ clusters: { [name]: cluster } });
      log(`[cluster ${name}] ${wasRunning ? 'reusing' : 'started'} ${cluster.server} (${seconds(t)})`);
    }
  }
  return info;
}

/** Stops the given services whoever started them (the CLI's `down`). */
export async function stopServices(which: ServicesWanted, log: Log = (line) => console.log(line)): Promise<void> {
  const failures: unknown[] = [];
  const attempt = async (what: string, stop: () => Promise<void>, forget: () => void) => {
    try {
      await stop();
      forget();
      log(`[${what}] stopped`);
    } catch (err) {
      failures.push(err);
      log(`[${what}] could not be stopped: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const clusterNames = which.clusters ?? [];
  if (clusterNames.length > 0) {
    const clusters = await import('./cluster/cluster.ts');
    for (const name of [...clusterNames].reverse()) {
      await attempt(`cluster ${name}`, () => clusters.stopCluster(name), () => {
        started.clusters.delete(name);
        forgetEndpoints({ clusters: [name] });
      });
    }
  }
  if (which.prometheus) {
    await attempt('prometheus', stopPrometheus, () => {
      started.prometheus = false;
      forgetEndpoints({ prometheus: true });
    });
  }
  if (which.ldap) {
    await attempt('ldap', stopLdap, () => {
      started.ldap = false;
      forgetEndpoints({ ldap: true });
    });
  }
  if (failures.length > 0) throw new AggregateError(failures, 'Some services could not be stopped');
}

function startedByUs(): ServicesWanted {
  return { ldap: started.ldap, prometheus: started.prometheus, clusters: [...started.clusters] };
}

/** Stops only what ensureServices() started in this process. */
export async function stopStartedServices(log?: Log): Promise<void> {
  await stopServices(startedByUs(), log);
}

/**
 * Synchronous variant for signal and exit handlers, where the process may end before a promise settles
 * (Vitest exits 1 ms after SIGINT). Blocks while `services:down` for exactly those services runs in a
 * child process, then forgets them.
 */
export function stopStartedServicesSync(): void {
  const which = startedByUs();
  const targets = [...(which.ldap ? ['ldap'] : []), ...(which.prometheus ? ['prometheus'] : [])];
  if (which.clusters && which.clusters.length > 0) targets.push('clusters', `--clusters=${which.clusters.join(',')}`);
  if (targets.length === 0) return;
  spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'lib/world/cli.ts'), 'down', ...targets], {
    cwd: repoRoot,
    stdio: 'inherit',
    timeout: 120_000,
  });
  started.ldap = false;
  started.prometheus = false;
  started.clusters.clear();
}
