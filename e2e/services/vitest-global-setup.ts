// Global setup of the `integration` Vitest project: makes sure the real services exist and are running
// before any *.int.test.ts file loads, and stops afterwards whatever it had to start. Services found
// already running (e.g. from `npm run services:up`) are reused and left alone.
//
// FORESAIL_TEST_CLUSTERS=a,b picks the local Kubernetes clusters to run (default it-a,it-b; empty = none).
import { ensureAptPackages } from './apt.ts';
import { ensureServices, stopStartedServices, stopStartedServicesSync } from './index.ts';

// nginx, openssl, libnss3-tools and chromium: the reliability project's scale-out test (TLS load balancer, its CA, trust in it, browser).
const APT_PACKAGES = ['slapd', 'ldap-utils', 'prometheus', 'nginx', 'openssl', 'libnss3-tools', 'chromium'];
const DEFAULT_TEST_CLUSTERS = ['it-a', 'it-b'];

function testClusters(): string[] {
  const fromEnv = process.env.FORESAIL_TEST_CLUSTERS;
  if (fromEnv === undefined) return DEFAULT_TEST_CLUSTERS;
  return fromEnv.split(',').map((name) => name.trim()).filter(Boolean);
}

/**
 * Ctrl-C or a CI timeout must not leave slapd, prometheus or clusters behind. Vitest exits 1 ms after
 * SIGINT/SIGTERM without running teardowns, and the services run in their own sessions (so they do not
 * get the terminal's signal), hence a synchronous stop from the signal and exit handlers.
 */
function stopOnInterrupt(): () => void {
  const onSignal = () => stopStartedServicesSync();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', onSignal);
  };
}

export default async function setup(): Promise<() => Promise<void>> {
  const removeHandlers = stopOnInterrupt();

  await ensureAptPackages(APT_PACKAGES);

  try {
    await ensureServices({ ldap: true, prometheus: true, clusters: testClusters() });
  } catch (err) {
    await stopStartedServices();
    removeHandlers();
    throw err;
  }

  return async () => {
    removeHandlers();
    await stopStartedServices();
  };
}
