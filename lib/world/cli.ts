// Starts and stops the test world for development and demos:
//   tsx lib/world/cli.ts up   [ldap|prometheus|clusters|all ...] [--clusters=staging,prod]
//   tsx lib/world/cli.ts down [ldap|prometheus|clusters|all ...] [--clusters=staging,prod]
//   tsx lib/world/cli.ts status | build-spin
// `up` with no target = all. Services started here keep running after this command exits (that is the
// point); `down` stops them by PID whoever started them.
import { parseArgs } from 'node:util';
import { readServices } from './endpoints.ts';
import { ensureServices, stopServices, type ServicesWanted } from './services.ts';
import { endpointsFile } from './paths.ts';
import { ensureSpin } from './spin.ts';

const DEFAULT_CLUSTERS = ['staging', 'prod'];
const TARGETS = ['ldap', 'prometheus', 'clusters', 'all'] as const;
type Target = (typeof TARGETS)[number];

const isTarget = (value: string): value is Target => (TARGETS as readonly string[]).includes(value);

function selection(targets: readonly string[], clusterNames: readonly string[]): ServicesWanted {
  const unknown = targets.filter((t) => !isTarget(t));
  if (unknown.length > 0) throw new Error(`Unknown target ${unknown.join(', ')}; expected one of ${TARGETS.join(', ')}`);
  const all = targets.length === 0 || targets.includes('all');
  return {
    ldap: all || targets.includes('ldap'),
    prometheus: all || targets.includes('prometheus'),
    clusters: all || targets.includes('clusters') ? clusterNames : [],
  };
}

function knownClusterNames(): string[] {
  try {
    return Object.keys(readServices().clusters);
  } catch {
    return [];
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { clusters: { type: 'string' } },
  });
  const [command, ...targets] = positionals;
  const named = values.clusters?.split(',').map((s) => s.trim()).filter(Boolean);

  switch (command) {
    case 'up': {
      const info = await ensureServices(selection(targets, named ?? DEFAULT_CLUSTERS));
      console.log(`\nEndpoints (also in ${endpointsFile}):\n${JSON.stringify(info, null, 2)}`);
      return;
    }
    case 'down': {
      // Without --clusters, also stop any other cluster the endpoints file knows about.
      const names = named ?? [...new Set([...DEFAULT_CLUSTERS, ...knownClusterNames()])];
      await stopServices(selection(targets, names));
      return;
    }
    case 'status': {
      console.log(JSON.stringify(readServices(), null, 2));
      return;
    }
    case 'build-spin': {
      console.log(await ensureSpin());
      return;
    }
    default:
      throw new Error(`Usage: cli.ts up|down [${TARGETS.join('|')} ...] [--clusters=a,b] | status | build-spin`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
