import fs from 'node:fs/promises';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { bootstrapCluster, restrictedNamespace, waitUntilUsable } from './bootstrap.ts';
import { ensureKubeBinaries, type BuildProgress } from './build.ts';
import {
  apiserverSpec,
  apiserverUrl,
  clusterLayout,
  controllerManagerSpec,
  etcdSpec,
  kwokSpec,
  portCount,
  portsFrom,
  schedulerSpec,
  type ClusterLayout,
  type ComponentSpec,
} from './components.ts';
import { adminContext, restrictedContext, writeComponentKubeconfig, writeUserKubeconfig } from './kubeconfig.ts';
import { withLock } from '../lock.ts';
import { repoRoot } from '../paths.ts';
import { freePorts } from '../ports.ts';
import { clusterDir } from './paths.ts';
import { ensurePki, type ClusterPki } from './pki.ts';
import { pollUntil } from './poll.ts';
import { answers200 } from './probe.ts';
import { tailFile } from '../processes.ts';
import { isRecordedProcessAlive, spawnDetached, stopProcesses, waitForReaping, type RecordedProcess } from './processes.ts';
import { readState, removeState, writeState, type ClusterState } from './state.ts';

export interface ClusterInfo {
  name: string;
  kubeconfigPath: string;
  server: string;
  adminContext: string;
  restrictedContext: string;
  restrictedNamespace: string;
}

const lockTimeoutMs = 5 * 60_000; // held for one start or stop: seconds, or a minute or two at worst
const etcdTimeoutMs = 30_000;
const apiserverTimeoutMs = 90_000;
const usableTimeoutMs = 90_000;

export interface StartClusterOptions {
  name: string;
  log?: (line: string) => void;
  /** The world's folder (default: the test world's `<repo>/.foresail`); the cluster lives in `<root>/clusters/NAME`. */
  root?: string;
  /**
   * true (default): the processes get their own process group and outlive the caller, until
   * `stopCluster` (the test world, `cluster:up`). false: they stay in the caller's process group, so
   * whoever stops that group stops them too (the demo's world runner, which must leave nothing behind).
   */
  detached?: boolean;
  /** Progress of a first build of the binaries (see ensureKubeBinaries). */
  onBuildProgress?: (progress: BuildProgress) => void;
  /** Aborts a build of the binaries in progress. */
  signal?: AbortSignal;
}

/**
 * Starts the local cluster NAME (etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
 * kwok) on free loopback ports, or returns its info if it already runs.
 * Each fresh start begins with an empty etcd, so tests see a clean cluster.
 */
export async function startCluster(opts: StartClusterOptions): Promise<ClusterInfo> {
  const { name } = opts;
  const log = opts.log ?? ((line: string) => console.log(`[cluster ${name}] ${line}`));
  const dir = clusterDir(name, opts.root);
  await fs.mkdir(dir, { recursive: true });
  const running = await runningState(dir);
  if (running) {
    log(`already running at ${running.server}`);
    return clusterInfo(running, dir);
  }
  // Built before taking the cluster lock, so a long first build never blocks `cluster:down`.
  const binDir = await ensureKubeBinaries({ log, onProgress: opts.onBuildProgress, signal: opts.signal });
  return withLock(
    path.join(dir, 'lock'),
    `starting cluster ${name}`,
    async () => {
      const state = await readState(dir);
      if (state && isComplete(state)) {
        log(`already running at ${state.server}`);
        return clusterInfo(state, dir);
      }
      if (state) {
        log('stopping what is left of a previous start');
        await stopRecorded(state.processes);
        await removeState(dir);
      }
      // Free ports are chosen before the processes bind them; another program can take one in
      // between. That shows up as "address already in use", and a second attempt picks new ports.
      try {
        return await startFresh(name, dir, binDir, log, opts.detached ?? true);
      } catch (err) {
        if (!(err instanceof Error && err.message.includes('address already in use'))) throw err;
        log('a port was taken meanwhile; retrying with new ports');
        return await startFresh(name, dir, binDir, log, opts.detached ?? true);
      }
    },
    { timeoutMs: lockTimeoutMs, log },
  );
}

/** Stops the cluster's recorded processes (SIGTERM, then SIGKILL) and waits for them to exit. */
export async function stopCluster(name: string, opts: { root?: string } = {}): Promise<void> {
  const dir = clusterDir(name, opts.root);
  await fs.mkdir(dir, { recursive: true });
  await withLock(
    path.join(dir, 'lock'),
    `stopping cluster ${name}`,
    async () => {
      const state = await readState(dir);
      if (!state) return;
      await stopRecorded(state.processes);
      await removeState(dir);
    },
    { timeoutMs: lockTimeoutMs },
  );
}

export async function isClusterRunning(name: string, opts: { root?: string } = {}): Promise<boolean> {
  return (await runningState(clusterDir(name, opts.root))) !== undefined;
}

/** The recorded state, if the start finished and every recorded process still runs. */
async function runningState(dir: string): Promise<ClusterState | undefined> {
  const state = await readState(dir);
  return state && isComplete(state) ? state : undefined;
}

function isComplete(state: ClusterState): boolean {
  return state.startSeconds !== undefined && state.processes.length > 0 && state.processes.every(isRecordedProcessAlive);
}

async function startFresh(name: string, dir: string, binDir: string, log: (line: string) => void, detached: boolean): Promise<ClusterInfo> {
  const layout = clusterLayout(name, dir);
  await prepareDirs(layout);
  const pki = await ensurePki(path.join(dir, 'pki'), name);
  const ports = portsFrom(await freePorts(portCount));
  const server = apiserverUrl(ports);
  await writeComponentKubeconfigs(layout, server, pki);

  const started = Date.now();
  const state: ClusterState = { name, server, ports, binDir, processes: [], startedAt: new Date().toISOString() };
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const start = async (spec: ComponentSpec) => {
    const proc = await spawnDetached(spec.name, spec.bin, spec.args, path.join(layout.logDir, `${spec.name}.log`), {
      cwd: repoRoot,
      env: spec.env,
      detached,
    });
    state.processes.push(proc);
    await writeState(dir, state); // recorded at once, so `down` can stop a half-started cluster
    return proc;
  };
  const check = () => assertAllAlive(state.processes);

  try {
    await start(etcdSpec(binDir, layout, ports));
    await pollUntil('etcd to answer /health', answers200(`http://127.0.0.1:${ports.etcdClient}/health`), {
      timeoutMs: etcdTimeoutMs,
      check,
    });
    log(`etcd ready on 127.0.0.1:${ports.etcdClient} after ${elapsed()}`);

    await start(apiserverSpec(binDir, layout, ports, pki));
    const adminTls = { caFile: pki.caCert, certFile: pki.clients.admin.cert, keyFile: pki.clients.admin.key };
    await pollUntil('kube-apiserver to answer /readyz', answers200(`${server}/readyz`, adminTls), {
      timeoutMs: apiserverTimeoutMs,
      check,
      intervalMs: 200,
    });
    log(`kube-apiserver ready at ${server} after ${elapsed()}`);

    await start(controllerManagerSpec(binDir, layout, ports, pki));
    await start(schedulerSpec(binDir, layout, ports));
    await start(kwokSpec(binDir, layout));

    const kc = new KubeConfig();
    kc.loadFromFile(layout.componentKubeconfig('admin'));
    const { restrictedToken } = await bootstrapCluster(kc);
    await Promise.all([
      waitUntilUsable(kc, check, usableTimeoutMs),
      pollUntil('kube-controller-manager to answer /healthz', answers200(`https://127.0.0.1:${ports.controllerManager}/healthz`, 'insecure'), {
        timeoutMs: usableTimeoutMs,
        check,
      }),
      pollUntil('kube-scheduler to answer /readyz', answers200(`https://127.0.0.1:${ports.scheduler}/readyz`, 'insecure'), {
        timeoutMs: usableTimeoutMs,
        check,
      }),
    ]);

    const kubeconfigPath = path.join(dir, 'kubeconfig');
    await writeUserKubeconfig(kubeconfigPath, {
      clusterName: name,
      server,
      caCert: pki.caCert,
      admin: pki.clients.admin,
      restricted: { token: restrictedToken, namespace: restrictedNamespace },
    });
    state.startSeconds = Math.round((Date.now() - started) / 100) / 10;
    await writeState(dir, state);
    log(`usable after ${elapsed()}; kubeconfig: ${kubeconfigPath}`);
    return clusterInfo(state, dir);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await stopRecorded(state.processes).catch(() => undefined);
    await removeState(dir);
    throw new Error(`Starting cluster ${name} failed: ${message}\n(logs in ${layout.logDir})`, { cause: err });
  }
}

function assertAllAlive(processes: readonly RecordedProcess[]): void {
  const dead = processes.find((p) => !isRecordedProcessAlive(p));
  if (dead) {
    throw new Error(`${dead.name} exited during startup. Last lines of ${dead.logPath}:\n${tailFile(dead.logPath)}`);
  }
}

/** Stops in reverse start order: clients of the apiserver first, etcd last. */
async function stopRecorded(processes: readonly RecordedProcess[]): Promise<void> {
  const reversed = [...processes].reverse();
  const storage = reversed.filter((p) => p.name === 'kube-apiserver' || p.name === 'etcd');
  await stopProcesses(reversed.filter((p) => !storage.includes(p)), { reap: false });
  for (const proc of storage) await stopProcesses([proc], { reap: false });
  await waitForReaping(processes);
}

async function prepareDirs(layout: ClusterLayout): Promise<void> {
  // Fresh etcd and logs on every start; the PKI is kept (it names 127.0.0.1, not ports).
  await Promise.all([
    fs.rm(layout.etcdDataDir, { recursive: true, force: true }),
    fs.rm(layout.logDir, { recursive: true, force: true }),
    fs.rm(path.join(layout.dir, 'kubeconfig'), { force: true }),
  ]);
  await Promise.all(
    [layout.logDir, layout.kwokHome, path.dirname(layout.componentKubeconfig('admin'))].map((d) => fs.mkdir(d, { recursive: true })),
  );
  await fs.mkdir(layout.etcdDataDir, { recursive: true, mode: 0o700 });
}

async function writeComponentKubeconfigs(layout: ClusterLayout, server: string, pki: ClusterPki): Promise<void> {
  const ids = ['admin', 'kube-controller-manager', 'kube-scheduler', 'kwok'] as const;
  await Promise.all(
    ids.map((id) =>
      writeComponentKubeconfig(layout.componentKubeconfig(id), server, { caCert: pki.caCert, ...pki.clients[id] }),
    ),
  );
}

function clusterInfo(state: ClusterState, dir: string): ClusterInfo {
  return {
    name: state.name,
    kubeconfigPath: path.join(dir, 'kubeconfig'),
    server: state.server,
    adminContext,
    restrictedContext,
    restrictedNamespace,
  };
}

