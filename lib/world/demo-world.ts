import fs from 'node:fs';
import { cachedKubeBinaries, minimumGoVersion, type BuildProgress } from './cluster/build.ts';
import { startCluster, stopCluster } from './cluster/cluster.ts';
import { writeRenamedAdminKubeconfig } from './cluster/kubeconfig.ts';
import { demoClusterName, demoContext, demoWorldPaths } from './demo-paths.ts';
import { installAptPackages } from './apt.ts';
import { startLdap, stopLdap } from './ldap.ts';
import { checkGo, checkRequirement, packagesToInstall, type Check, type Requirement } from './prerequisites.ts';
import { addScrapeTarget, startPrometheus, stopPrometheus } from './prometheus.ts';
import type { PartState, WorldPart } from './status.ts';

/** What a demo extra (a simulator, a seed that needs the cluster) gets once the cluster and Prometheus are ready. */
export interface DemoWorld {
  /** A kubeconfig whose context `context` is cluster-admin on the demo cluster. */
  kubeconfigPath: string;
  context: string;
  prometheusUrl: string;
  /** Has Prometheus scrape `url` (a /metrics endpoint on this machine) every few seconds, as job `demo`. */
  addScrapeTarget(url: string): void;
  log: (line: string) => void;
}

/**
 * Something the demo world starts after the cluster and Prometheus are ready, shown as a part of the
 * world (e.g. "Traffic simulator"). `start` resolves once it runs; `stop` undoes it.
 */
export interface DemoExtra {
  name: string;
  start(world: DemoWorld): Promise<{ stop(): Promise<void> }>;
}

export interface StartDemoWorldOptions {
  /** Foresail's data folder; the world lives in `<dataDir>/world`. */
  dataDir: string;
  log: (line: string) => void;
  /** Every change of any part, with all parts. */
  onStatus?: (parts: WorldPart[]) => void;
  extras: readonly DemoExtra[];
  /** Prometheus listens here (the metrics account `demo-prometheus` was configured with it); default 9392. */
  prometheusPort?: number;
}

export interface RunningDemoWorld {
  parts(): WorldPart[];
  /** Settles when every part is ready, failed or unavailable. */
  settled: Promise<void>;
  /** Stops the extras, the cluster, Prometheus and LDAP (also mid-build or mid-start). */
  stop(): Promise<void>;
}

const requirements = {
  prometheus: { commands: ['prometheus'], packages: ['prometheus'] },
  ldap: { commands: ['slapd', 'slaptest', 'ldapadd'], packages: ['slapd', 'ldap-utils'] },
  // The cluster's certificates are made with the openssl CLI.
  kubernetes: { commands: ['openssl'], packages: ['openssl'] },
} satisfies Record<string, Requirement>;

const scrapeJob = { name: 'demo', intervalSeconds: 5 };

/**
 * `npm run demo`'s world beside Foresail: the Kubernetes cluster `demo` (built on first use), Prometheus
 * with a scrape job for the simulators and, where slapd is installed, OpenLDAP with the seed people;
 * then the extras. Missing Debian packages are installed when running as root; anything else missing
 * makes its part "unavailable" with the command that fixes it, and the rest carries on. Every server
 * stays in this process's group, so stopping that group leaves nothing running.
 */
export function startDemoWorld(opts: StartDemoWorldOptions): RunningDemoWorld {
  const paths = demoWorldPaths(opts.dataDir);
  fs.mkdirSync(paths.root, { recursive: true });
  const abort = new AbortController();
  const serverOptions = { root: paths.root, detached: false };
  const parts: WorldPart[] = [
    { id: 'kubernetes', label: 'Kubernetes', required: true, state: 'pending' },
    { id: 'prometheus', label: 'Prometheus', required: true, state: 'pending' },
    { id: 'ldap', label: 'OpenLDAP', required: false, state: 'pending' },
    ...opts.extras.map((extra, i): WorldPart => ({ id: `extra-${i + 1}`, label: extra.name, required: true, state: 'pending' })),
  ];
  const set = (id: string, state: PartState) => {
    const index = parts.findIndex((p) => p.id === id);
    const part = parts[index];
    if (!part || abort.signal.aborted) return;
    parts[index] = { id: part.id, label: part.label, required: part.required, ...state };
    opts.onStatus?.(parts.map((p) => ({ ...p })));
  };
  const labelOf = (id: string) => parts.find((p) => p.id === id)?.label ?? id;
  const fail = (id: string, err: unknown) => {
    if (abort.signal.aborted) return;
    const reason = err instanceof Error ? err.message : String(err);
    opts.log(`[world] ${labelOf(id)} failed: ${reason}`);
    set(id, { state: 'failed', reason: reason.slice(0, 1_000), since: Date.now() });
  };
  const unavailable = (id: string, check: Extract<Check, { ok: false }>) => {
    opts.log(`[world] ${labelOf(id)} unavailable: missing ${check.missing}; fix: ${check.fix}`);
    set(id, { state: 'unavailable', missing: check.missing, fix: check.fix });
  };
  const stops: (() => Promise<void>)[] = [];

  const prepare = async (): Promise<Record<keyof typeof requirements, Check>> => {
    const install = await packagesToInstall(Object.values(requirements));
    if (install.length > 0) {
      const since = Date.now();
      for (const [id, req] of Object.entries(requirements)) {
        if (req.packages.some((pkg) => install.includes(pkg))) set(id, { state: 'installing', packages: req.packages.filter((pkg) => install.includes(pkg)), since });
      }
      // apt-get's failure leaves the parts to the checks below, which say what is still missing.
      await installAptPackages(install, opts.log).catch((err: unknown) => opts.log(`[apt] ${err instanceof Error ? err.message : String(err)}`));
    }
    return { prometheus: checkRequirement(requirements.prometheus), ldap: checkRequirement(requirements.ldap), kubernetes: checkRequirement(requirements.kubernetes) };
  };

  const runPrometheus = async (check: Check): Promise<string | undefined> => {
    if (!check.ok) {
      unavailable('prometheus', check);
      return undefined;
    }
    set('prometheus', { state: 'starting', since: Date.now() });
    const port = opts.prometheusPort ?? 9392;
    const info = await startPrometheus({ ...serverOptions, preferredPort: port, scrapeJob });
    stops.push(() => stopPrometheus(serverOptions));
    // Foresail's metrics account was configured with this port before Prometheus started.
    if (info.url !== `http://127.0.0.1:${port}`) throw new Error(`port ${port} was taken by another program (Prometheus is on ${info.url}); stop that program and restart the demo`);
    set('prometheus', { state: 'ready', since: Date.now() });
    return info.url;
  };

  const runLdap = async (check: Check): Promise<void> => {
    if (!check.ok) {
      unavailable('ldap', check);
      return;
    }
    set('ldap', { state: 'starting', since: Date.now() });
    await startLdap({ ...serverOptions, preferredPort: 3892 });
    stops.push(() => stopLdap(serverOptions));
    set('ldap', { state: 'ready', since: Date.now() });
  };

  const runKubernetes = async (check: Check): Promise<boolean> => {
    // Go is needed only for the first build; cached binaries run without it.
    const go = check.ok && !(await cachedKubeBinaries()) ? await checkGo(await minimumGoVersion()) : check;
    if (!go.ok) {
      unavailable('kubernetes', go);
      return false;
    }
    const onBuildProgress = (progress: BuildProgress) => {
      const current = parts.find((p) => p.id === 'kubernetes');
      const since = current?.state === 'building' ? current.since : Date.now();
      if (progress.phase === 'waiting') set('kubernetes', { state: 'building', step: 0, total: 6, item: 'binaries', since, waitingFor: 'another process building the same binaries' });
      else set('kubernetes', { state: 'building', step: progress.step, total: progress.total, item: progress.binary, since: progress.startedAt });
    };
    set('kubernetes', { state: 'starting', since: Date.now() });
    stops.push(() => stopCluster(demoClusterName, serverOptions));
    const info = await startCluster({ name: demoClusterName, log: (line) => opts.log(`[cluster ${demoClusterName}] ${line}`), ...serverOptions, onBuildProgress, signal: abort.signal });
    await writeRenamedAdminKubeconfig(info.kubeconfigPath, paths.kubeconfig, demoContext);
    set('kubernetes', { state: 'ready', since: Date.now() });
    return true;
  };

  const runExtras = async (prometheusUrl: string): Promise<void> => {
    let targets = 0;
    const world: DemoWorld = {
      kubeconfigPath: paths.kubeconfig,
      context: demoContext,
      prometheusUrl,
      addScrapeTarget: (url) => addScrapeTarget({ root: paths.root, name: `target-${++targets}`, url }),
      log: opts.log,
    };
    for (const [i, extra] of opts.extras.entries()) {
      const id = `extra-${i + 1}`;
      if (abort.signal.aborted) return;
      set(id, { state: 'starting', since: Date.now() });
      try {
        const running = await extra.start(world);
        stops.push(() => running.stop());
        set(id, { state: 'ready', since: Date.now() });
      } catch (err) {
        fail(id, err);
      }
    }
  };

  const guarded = <T>(id: string, step: () => Promise<T>) => step().catch((err: unknown) => void fail(id, err));

  const settled = (async () => {
    const checks = await prepare();
    const [prometheusUrl, clusterReady] = await Promise.all([
      guarded('prometheus', () => runPrometheus(checks.prometheus)),
      guarded('kubernetes', () => runKubernetes(checks.kubernetes)),
      guarded('ldap', () => runLdap(checks.ldap)),
    ]);
    if (!prometheusUrl || !clusterReady) {
      const missing = 'a running Kubernetes and Prometheus';
      for (const [i] of opts.extras.entries()) set(`extra-${i + 1}`, { state: 'unavailable', missing, fix: 'see what the Kubernetes and Prometheus lines say' });
      return;
    }
    await runExtras(prometheusUrl);
  })().catch((err: unknown) => opts.log(`[world] ${err instanceof Error ? err.message : String(err)}`));

  return {
    parts: () => parts.map((p) => ({ ...p })),
    settled,
    async stop() {
      abort.abort(new Error('the demo world is stopping'));
      await settled;
      // Extras first (they use the cluster and Prometheus), then the servers, newest first.
      for (const stop of stops.reverse()) {
        await stop().catch((err: unknown) => opts.log(`[world] stopping: ${err instanceof Error ? err.message : String(err)}`));
      }
    },
  };
}
