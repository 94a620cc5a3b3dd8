import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { withLock } from '../lock.ts';
import { cacheDir } from '../paths.ts';
import { compareVersions } from '../versions.ts';
import { goModulesDir } from './paths.ts';

/**
 * The Go-built binaries of the test cluster. Two Go modules, because kwok v0.8.0 is built and
 * tested against k8s.io/* v0.36 while the control plane needs v0.37.2; one module would force
 * kwok onto untested library versions (or the control plane onto old ones).
 */
const goTools = [
  { bin: 'etcd', module: 'kube', pkg: 'go.etcd.io/etcd/server/v3' },
  { bin: 'kube-apiserver', module: 'kube', pkg: 'k8s.io/kubernetes/cmd/kube-apiserver' },
  { bin: 'kube-controller-manager', module: 'kube', pkg: 'k8s.io/kubernetes/cmd/kube-controller-manager' },
  { bin: 'kube-scheduler', module: 'kube', pkg: 'k8s.io/kubernetes/cmd/kube-scheduler' },
  { bin: 'kubectl', module: 'kube', pkg: 'k8s.io/kubernetes/cmd/kubectl' },
  { bin: 'kwok', module: 'kwok', pkg: 'sigs.k8s.io/kwok/cmd/kwok' },
] as const;

export type KubeBinary = (typeof goTools)[number]['bin'];

const pinnedFiles = ['kube/go.mod', 'kube/go.sum', 'kwok/go.mod', 'kwok/go.sum'];
const progressEveryMs = 30_000;

export interface BuildRecord {
  versionKey: string;
  versions: { kubernetes: string; etcd: string; kwok: string; go: string };
  builtAt: string;
  totalSeconds: number;
  binarySeconds: Record<string, number>;
}

/** What a long build is doing, for a status display (the demo's world panel). */
export type BuildProgress =
  | { phase: 'waiting'; message: string } // another process holds the build lock
  | { phase: 'building'; step: number; total: number; binary: KubeBinary; startedAt: number };

export interface EnsureKubeBinariesOptions {
  log?: (line: string) => void;
  onProgress?: (progress: BuildProgress) => void;
  /** Aborting stops a running build (its temporary folder is removed; Go's build cache keeps what it compiled). */
  signal?: AbortSignal;
}

/** The folder of the binaries when they are already built for the pinned versions (no Go needed then). */
export async function cachedKubeBinaries(): Promise<string | undefined> {
  const binDir = path.join(cacheDir(), 'kube', (await pinnedVersions()).versionKey);
  return (await isCompleteBuild(binDir)) ? binDir : undefined;
}

/**
 * Returns the folder holding etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
 * kubectl and kwok, building them with the Go toolchain first if the pinned versions changed.
 * Builds happen in a temporary folder renamed into place, so an interrupted build leaves no
 * half-filled cache behind.
 */
export async function ensureKubeBinaries(opts: EnsureKubeBinariesOptions = {}): Promise<string> {
  const log = opts.log ?? ((line: string) => console.log(`[cluster:build] ${line}`));
  const onProgress = opts.onProgress ?? (() => undefined);
  const { versionKey } = await pinnedVersions();
  const root = path.join(cacheDir(), 'kube');
  const binDir = path.join(root, versionKey);
  if (await isCompleteBuild(binDir)) return binDir;

  await fs.mkdir(root, { recursive: true });
  return withLock(
    path.join(root, `${versionKey}.lock`),
    `building Kubernetes binaries ${versionKey}`,
    async () => {
      // Another process may have finished the build while we waited for the lock.
      if (await isCompleteBuild(binDir)) return binDir;
      await buildInto(root, binDir, log, onProgress, opts.signal);
      return binDir;
    },
    {
      timeoutMs: 2 * 60 * 60_000,
      signal: opts.signal,
      log: (line) => {
        log(line);
        onProgress({ phase: 'waiting', message: line });
      },
    },
  );
}

export function kubeBinary(binDir: string, bin: KubeBinary): string {
  return path.join(binDir, bin);
}

async function buildInto(root: string, binDir: string, log: (line: string) => void, onProgress: (progress: BuildProgress) => void, signal: AbortSignal | undefined): Promise<void> {
  const versions = await pinnedVersions();
  // Leftovers of interrupted builds of this key (we hold its lock, so none is still running).
  for (const entry of await fs.readdir(root)) {
    if (entry.startsWith(`.tmp-${versions.versionKey}-`)) await fs.rm(path.join(root, entry), { recursive: true, force: true });
  }
  const tmpDir = path.join(root, `.tmp-${versions.versionKey}-${process.pid}`);
  await fs.mkdir(tmpDir, { recursive: true });
  const goVersion = (await run('go', ['env', 'GOVERSION'], goModulesDir)).trim();
  log(
    `building Kubernetes ${versions.kubernetes}, etcd ${versions.etcd}, kwok ${versions.kwok} with ${goVersion} ` +
      `into ${binDir} (the first build takes 15-30 min on 2 cores; later ones reuse Go's build cache)`,
  );
  const started = Date.now();
  const binarySeconds: Record<string, number> = {};
  try {
    for (const [index, tool] of goTools.entries()) {
      const toolStarted = Date.now();
      log(`[${index + 1}/${goTools.length}] go build ${tool.pkg} -> ${tool.bin}`);
      onProgress({ phase: 'building', step: index + 1, total: goTools.length, binary: tool.bin, startedAt: started });
      const ticker = setInterval(() => {
        log(`  still building ${tool.bin}: ${formatSeconds(Date.now() - toolStarted)} (total ${formatSeconds(Date.now() - started)})`);
      }, progressEveryMs);
      try {
        await run('go', ['build', '-trimpath', '-o', path.join(tmpDir, tool.bin), tool.pkg], path.join(goModulesDir, tool.module), log, signal);
      } finally {
        clearInterval(ticker);
      }
      binarySeconds[tool.bin] = Math.round((Date.now() - toolStarted) / 1000);
      log(`  ${tool.bin} built in ${formatSeconds(Date.now() - toolStarted)}`);
    }
    const record: BuildRecord = {
      versionKey: versions.versionKey,
      versions: { kubernetes: versions.kubernetes, etcd: versions.etcd, kwok: versions.kwok, go: goVersion },
      builtAt: new Date().toISOString(),
      totalSeconds: Math.round((Date.now() - started) / 1000),
      binarySeconds,
    };
    await fs.writeFile(path.join(tmpDir, 'build.json'), `${JSON.stringify(record, null, 2)}\n`);
    await fs.rm(binDir, { recursive: true, force: true });
    await fs.rename(tmpDir, binDir);
    log(`all binaries built in ${formatSeconds(Date.now() - started)}; recorded in ${path.join(binDir, 'build.json')}`);
  } catch (err) {
    await fs.rm(tmpDir, { recursive: true, force: true });
    throw err;
  }
}

async function isCompleteBuild(binDir: string): Promise<boolean> {
  try {
    await fs.access(path.join(binDir, 'build.json'));
    await Promise.all(goTools.map((t) => fs.access(path.join(binDir, t.bin), fs.constants.X_OK)));
    return true;
  } catch {
    return false;
  }
}

/** Versions read from the pinned go.mod files, and a key that changes whenever any pin does. */
export async function pinnedVersions(): Promise<{ versionKey: string; kubernetes: string; etcd: string; kwok: string }> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(goTools));
  const contents: Record<string, string> = {};
  for (const file of pinnedFiles) {
    const text = await fs.readFile(path.join(goModulesDir, file), 'utf8');
    contents[file] = text;
    hash.update(`${file}\0${text}\0`);
  }
  const kubernetes = requireVersion(contents['kube/go.mod'], 'k8s.io/kubernetes');
  return {
    versionKey: `k8s-${kubernetes}-${hash.digest('hex').slice(0, 12)}`,
    kubernetes,
    etcd: requireVersion(contents['kube/go.mod'], 'go.etcd.io/etcd/server/v3'),
    kwok: requireVersion(contents['kwok/go.mod'], 'sigs.k8s.io/kwok'),
  };
}

/** The newest `go` line of the pinned modules: the oldest Go toolchain that can build them. */
export async function minimumGoVersion(): Promise<string> {
  const versions: string[] = [];
  for (const file of pinnedFiles.filter((f) => f.endsWith('go.mod'))) {
    const match = (await fs.readFile(path.join(goModulesDir, file), 'utf8')).match(/^go (\d+(?:\.\d+)*)\s*$/m);
    if (match?.[1]) versions.push(match[1]);
  }
  const newest = versions.sort(compareVersions).at(-1);
  if (!newest) throw new Error(`No go line in the pinned modules under ${goModulesDir}`);
  return newest;
}

function requireVersion(goMod: string | undefined, module: string): string {
  const escaped = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = goMod?.match(new RegExp(`^\\s*(?:require\\s+)?${escaped} (v\\S+)`, 'm'));
  if (!match?.[1]) throw new Error(`No pinned version of ${module} in ${goModulesDir}`);
  return match[1];
}

/** Runs a command (argv, no shell); streams stderr lines to `log`; rejects with the output tail. */
function run(cmd: string, args: string[], cwd: string, log?: (line: string) => void, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim() },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    let stdout = '';
    const stderrTail: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        stderrTail.push(line);
        if (stderrTail.length > 40) stderrTail.shift();
        log?.(`  ${line}`);
      }
    });
    child.once('error', (err) =>
      reject(new Error(`Could not run ${cmd}: ${err.message}${cmd === 'go' ? ' (is the Go toolchain installed and on PATH?)' : ''}`)),
    );
    child.once('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}) in ${cwd}:\n${stderrTail.join('\n')}`));
    });
  });
}

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
