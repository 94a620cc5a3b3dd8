import path from 'node:path';

/** The checkout this file lives in (e2e/services → two levels up). */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Runtime state of the throwaway services: configs, data, logs, PIDs. Git-ignored. */
export const servicesDir = path.join(repoRoot, '.foresail', 'services');

/** Where the running services' endpoints are published for tests and tools. */
export const endpointsFile = path.join(servicesDir, 'endpoints.json');

/** Build cache shared with the cluster binaries; FORESAIL_CACHE_DIR lets CI keep it outside the checkout. */
export function cacheDir(): string {
  const fromEnv = process.env.FORESAIL_CACHE_DIR;
  return fromEnv ? path.resolve(fromEnv) : path.join(repoRoot, '.foresail', 'cache');
}

export const fixturesDir = path.join(repoRoot, 'e2e', 'fixtures');
