import path from 'node:path';

/** The repository root: this file lives in `<repo>/e2e/cluster/`. */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Source folders shipped with the repo. */
export const clusterSourceDir = import.meta.dirname;
export const goModulesDir = path.join(clusterSourceDir, 'go');
export const crdDir = path.join(clusterSourceDir, 'crds');
export const kwokStageDir = path.join(clusterSourceDir, 'kwok');

/** Build cache root: `FORESAIL_CACHE_DIR`, or `<repo>/.foresail/cache`. */
export function cacheDir(): string {
  const fromEnv = process.env.FORESAIL_CACHE_DIR;
  return fromEnv ? path.resolve(fromEnv) : path.join(repoRoot, '.foresail', 'cache');
}

const clusterNamePattern = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

/** State, logs and pids of one local cluster: `<repo>/.foresail/clusters/NAME/`. */
export function clusterDir(name: string): string {
  if (!clusterNamePattern.test(name)) {
    throw new Error(`Invalid cluster name "${name}": use lowercase letters, digits and dashes (max 40)`);
  }
  return path.join(repoRoot, '.foresail', 'clusters', name);
}
