// Global setup of the `integration` and `reliability` Vitest projects: makes sure the real services exist
// and are running before any test file loads, and stops afterwards whatever it had to start. Services found
// already running (e.g. from `npm run services:up`) are reused and left alone.
//
// FORESAIL_TEST_CLUSTERS=a,b picks the local Kubernetes clusters to run (default it-a,it-b; empty = none).
import { ensureAptPackages, testWorldAptPackages } from '../../lib/world/apt';
import { ensureServices, stopStartedServices, stopStartedServicesSync, testClusterNames } from '../../lib/world/services';

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

  await ensureAptPackages(testWorldAptPackages);

  try {
    await ensureServices({ ldap: true, prometheus: true, clusters: testClusterNames() });
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
