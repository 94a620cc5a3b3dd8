import fs from 'node:fs';
import path from 'node:path';
import { aptInstallCommand, missingAptPackages } from './apt.ts';
import { run } from './run.ts';
import { compareVersions } from './versions.ts';

/** The programs one part of a world runs, and the Debian packages that bring them. */
export interface Requirement {
  commands: readonly string[];
  packages: readonly string[];
}

/** The environment a check looks at (only PATH matters); a plain record, so tests can pass just a PATH. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Everything is there, or what is missing and the one command that fixes it. */
export type Check = { ok: true } | { ok: false; missing: string; fix: string };

// Where Debian and the Go tarball put programs that a trimmed PATH (sudo, a service manager) may lack.
const wellKnownDirs = ['/usr/sbin', '/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/bin', '/bin', '/usr/local/go/bin'];

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The program as the world will run it: found on PATH (never elsewhere, so PATH decides what runs). */
export function findOnPath(command: string, env: Env = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, command))) return path.join(dir, command);
  }
  return undefined;
}

/**
 * Are the requirement's programs on PATH? If not, says which are missing and how to get them: the
 * PATH to set when they are installed but not on it, else the apt-get command (or, without apt, the
 * packages to install some other way).
 */
export function checkRequirement(req: Requirement, env: Env = process.env): Check {
  const missing = req.commands.filter((command) => !findOnPath(command, env));
  if (missing.length === 0) return { ok: true };
  const elsewhere = missing.map((command) => wellKnownDirs.find((dir) => isExecutable(path.join(dir, command))));
  if (elsewhere.every((dir) => dir !== undefined)) {
    const dirs = [...new Set(elsewhere)];
    return { ok: false, missing: `${missing.join(', ')}: installed in ${dirs.join(', ')}, which is not on PATH`, fix: `export PATH="$PATH:${dirs.join(':')}"` };
  }
  const fix = findOnPath('apt-get', env) ? aptInstallCommand(req.packages) : `install ${req.packages.join(', ')} with your system's package manager`;
  return { ok: false, missing: `${missing.join(', ')} (Debian packages ${req.packages.join(', ')})`, fix };
}

/**
 * The Debian packages this process may install itself to meet the requirements: only as root, only
 * with apt-get and dpkg on PATH, and only packages dpkg does not list (an installed package whose
 * program is off PATH is a PATH problem, which installing again would not fix).
 */
export async function packagesToInstall(reqs: readonly Requirement[], env: Env = process.env): Promise<string[]> {
  if (process.getuid?.() !== 0 || !findOnPath('apt-get', env) || !findOnPath('dpkg-query', env)) return [];
  const wanted = reqs.filter((req) => !checkRequirement(req, env).ok).flatMap((req) => req.packages);
  return missingAptPackages([...new Set(wanted)]);
}

/** The Go release the demo points people to (the one the cached binaries were last built with). */
const recommendedGo = '1.26.8';

function goDownload(): string {
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
  return `curl -fsSL https://go.dev/dl/go${recommendedGo}.linux-${arch}.tar.gz | sudo tar -C /usr/local -xz && export PATH="$PATH:/usr/local/go/bin"`;
}

/**
 * Is a Go toolchain of at least `minimum` (the pinned go.mod's `go` line) on PATH, to build the
 * Kubernetes binaries? Go is not a Debian package new enough for this, so it is never installed here.
 */
export async function checkGo(minimum: string, env: Env = process.env): Promise<Check> {
  const go = findOnPath('go', env);
  if (!go) {
    const elsewhere = wellKnownDirs.find((dir) => isExecutable(path.join(dir, 'go')));
    if (elsewhere) return { ok: false, missing: `Go (to build Kubernetes once): installed in ${elsewhere}, which is not on PATH`, fix: `export PATH="$PATH:${elsewhere}"` };
    return { ok: false, missing: `Go ${minimum} or newer (to build the Kubernetes binaries once)`, fix: goDownload() };
  }
  const result = await run(go, ['env', 'GOVERSION'], { env: { ...process.env, ...env, GOTOOLCHAIN: 'local' } });
  const version = /^go(\d+(?:\.\d+)*)/.exec(result.stdout.trim())?.[1];
  if (result.code !== 0 || !version) return { ok: false, missing: `a working Go toolchain (\`${go} env GOVERSION\` failed)`, fix: goDownload() };
  if (compareVersions(version, minimum) < 0) return { ok: false, missing: `Go ${minimum} or newer (found Go ${version} at ${go})`, fix: goDownload() };
  return { ok: true };
}
