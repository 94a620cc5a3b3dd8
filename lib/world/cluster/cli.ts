import { parseArgs } from 'node:util';
import { ensureKubeBinaries } from './build.ts';
import { isClusterRunning, startCluster, stopCluster } from './cluster.ts';

const usage = `Usage: tsx lib/world/cluster/cli.ts <command> [--name NAME]
  build   build (or find cached) etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok
  up      start local cluster NAME (default "local"); prints its kubeconfig
  down    stop local cluster NAME
  status  say whether cluster NAME runs`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string', default: 'local' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command] = positionals;
  const name = values.name;
  switch (values.help ? 'help' : command) {
    case 'build': {
      const binDir = await ensureKubeBinaries();
      console.log(`Binaries in ${binDir}`);
      return 0;
    }
    case 'up': {
      const info = await startCluster({ name });
      console.log(
        [
          `Cluster "${info.name}" is up: ${info.server}`,
          `  kubeconfig: ${info.kubeconfigPath}`,
          `  contexts:   ${info.adminContext} (default, cluster-admin), ${info.restrictedContext} (namespace ${info.restrictedNamespace} only)`,
          `  try:        KUBECONFIG=${info.kubeconfigPath} kubectl get nodes`,
          `  stop:       npm run cluster:down -- --name ${info.name}`,
        ].join('\n'),
      );
      return 0;
    }
    case 'down':
      await stopCluster(name);
      console.log(`Cluster "${name}" is stopped`);
      return 0;
    case 'status': {
      const running = await isClusterRunning(name);
      console.log(`Cluster "${name}" is ${running ? 'running' : 'not running'}`);
      return running ? 0 : 3;
    }
    case 'help':
      console.log(usage);
      return 0;
    default:
      console.error(usage);
      return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
