import path from 'node:path';
import { kubeBinary, type KubeBinary } from './build.ts';
import { kwokStageDir } from './paths.ts';
import { serviceClusterIpRange, type ClusterPki } from './pki.ts';

export interface ClusterPorts {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
  controllerManager: number;
  scheduler: number;
}
export const portCount = 5;

export function portsFrom(list: readonly number[]): ClusterPorts {
  const [etcdClient, etcdPeer, apiserver, controllerManager, scheduler] = list;
  if (scheduler === undefined || etcdClient === undefined || etcdPeer === undefined || apiserver === undefined || controllerManager === undefined) {
    throw new Error(`Need ${portCount} ports, got ${list.length}`);
  }
  return { etcdClient, etcdPeer, apiserver, controllerManager, scheduler };
}

export interface ComponentSpec {
  name: KubeBinary;
  bin: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/** Where a cluster keeps what its components read and write. */
export interface ClusterLayout {
  name: string;
  dir: string;
  etcdDataDir: string;
  logDir: string;
  kwokHome: string;
  componentKubeconfig: (component: 'kube-controller-manager' | 'kube-scheduler' | 'kwok' | 'admin') => string;
}

export function clusterLayout(name: string, dir: string): ClusterLayout {
  return {
    name,
    dir,
    etcdDataDir: path.join(dir, 'etcd'),
    logDir: path.join(dir, 'logs'),
    kwokHome: path.join(dir, 'kwok-home'),
    componentKubeconfig: (component) => path.join(dir, 'kubeconfigs', `${component}.kubeconfig`),
  };
}

export function apiserverUrl(ports: ClusterPorts): string {
  return `https://127.0.0.1:${ports.apiserver}`;
}

export function etcdSpec(binDir: string, layout: ClusterLayout, ports: ClusterPorts): ComponentSpec {
  const client = `http://127.0.0.1:${ports.etcdClient}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return {
    name: 'etcd',
    bin: kubeBinary(binDir, 'etcd'),
    args: [
      '--name=node0',
      `--data-dir=${layout.etcdDataDir}`,
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=node0=${peer}`,
      '--initial-cluster-state=new',
      // A throwaway test store: durability costs seconds of fsync per start on slow disks.
      '--unsafe-no-fsync=true',
      '--auto-compaction-retention=1',
      '--log-level=warn',
    ],
  };
}

export function apiserverSpec(binDir: string, layout: ClusterLayout, ports: ClusterPorts, pki: ClusterPki): ComponentSpec {
  return {
    name: 'kube-apiserver',
    bin: kubeBinary(binDir, 'kube-apiserver'),
    args: [
      `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${ports.apiserver}`,
      `--cert-dir=${path.join(layout.dir, 'pki')}`,
      `--tls-cert-file=${pki.apiserverCert}`,
      `--tls-private-key-file=${pki.apiserverKey}`,
      `--client-ca-file=${pki.caCert}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${pki.serviceAccountPub}`,
      `--service-account-signing-key-file=${pki.serviceAccountKey}`,
      `--service-cluster-ip-range=${serviceClusterIpRange}`,
      '--authorization-mode=Node,RBAC',
      '--allow-privileged=true',
      // Endpoints may not hold loopback addresses, so the `kubernetes` Service gets none
      // (nothing runs inside this cluster that would dial it).
      '--endpoint-reconciler-type=none',
      '--profiling=false',
    ],
  };
}

export function controllerManagerSpec(binDir: string, layout: ClusterLayout, ports: ClusterPorts, pki: ClusterPki): ComponentSpec {
  return {
    name: 'kube-controller-manager',
    bin: kubeBinary(binDir, 'kube-controller-manager'),
    args: [
      `--kubeconfig=${layout.componentKubeconfig('kube-controller-manager')}`,
      // Every default controller: deployment, replicaset, job, namespace, garbage collector,
      // service account (+ token), node lifecycle, ...
      '--controllers=*',
      '--use-service-account-credentials=true',
      `--service-account-private-key-file=${pki.serviceAccountKey}`,
      `--root-ca-file=${pki.caCert}`,
      `--cluster-signing-cert-file=${pki.caCert}`,
      `--cluster-signing-key-file=${pki.caKey}`,
      `--cluster-name=foresail-${layout.name}`,
      // A single instance: skipping leader election saves its lease round-trips at start.
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${ports.controllerManager}`,
      '--kube-api-qps=100',
      '--kube-api-burst=200',
    ],
  };
}

export function schedulerSpec(binDir: string, layout: ClusterLayout, ports: ClusterPorts): ComponentSpec {
  return {
    name: 'kube-scheduler',
    bin: kubeBinary(binDir, 'kube-scheduler'),
    args: [
      `--kubeconfig=${layout.componentKubeconfig('kube-scheduler')}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${ports.scheduler}`,
    ],
  };
}

export function kwokSpec(binDir: string, layout: ClusterLayout): ComponentSpec {
  return {
    name: 'kwok',
    bin: kubeBinary(binDir, 'kwok'),
    args: [
      `--kubeconfig=${layout.componentKubeconfig('kwok')}`,
      `--config=${path.join(kwokStageDir, 'node-stages.yaml')}`,
      `--config=${path.join(kwokStageDir, 'pod-stages.yaml')}`,
      // Every node in this cluster is simulated.
      '--manage-all-nodes=true',
      '--cidr=10.244.0.1/16',
      '--node-ip=10.240.0.1',
      '--node-lease-duration-seconds=40',
    ],
    // kwok also reads ~/.kwok/kwok.yaml when it exists; a private HOME keeps a developer's own
    // kwokctl settings out of this cluster.
    env: { ...process.env, HOME: layout.kwokHome },
  };
}
