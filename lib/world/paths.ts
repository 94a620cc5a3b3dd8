import os from 'node:os';
import path from 'node:path';

/** The checkout this file lives in (lib/world → two levels up). */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * Where the test world keeps its state (clusters/, services/): `<repo>/.foresail`, git-ignored.
 * The demo keeps its own world apart, under `<dataDir>/world` (demo-world.ts), so `npm test` and a
 * running demo never start, reuse or stop each other's servers.
 */
export const testWorldRoot = path.join(repoRoot, '.foresail');

/** Runtime state of one world's LDAP and Prometheus: configs, data, logs, PIDs. */
export function servicesDir(root: string): string {
  return path.join(root, 'services');
}

/** Where the test world's running services are published for tests and tools. */
export const endpointsFile = path.join(servicesDir(testWorldRoot), 'endpoints.json');

/**
 * The per-user build cache (Kubernetes binaries, spin), shared by the demo, `npm test` and `.ci/run`
 * on one machine so each is built once: `$FORESAIL_CACHE_DIR`, else `$XDG_CACHE_HOME/foresail`, else
 * `~/.cache/foresail` (the XDG base-directory default).
 */
export function cacheDir(): string {
  const fromEnv = process.env.FORESAIL_CACHE_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  const xdg = process.env.XDG_CACHE_HOME;
  // XDG: a relative XDG_CACHE_HOME is invalid and must be ignored.
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  return path.join(base, 'foresail');
}

/** The OpenLDAP seed people and groups (alice, bob, carol, dave), loaded into every world's slapd. */
export const ldapSeedFile = path.join(import.meta.dirname, 'ldap-seed.ldif');
