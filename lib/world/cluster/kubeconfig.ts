import fs from 'node:fs/promises';
import { parse, stringify } from 'yaml';

export const adminContext = 'admin';
export const restrictedContext = 'restricted';

interface ClusterEntry {
  name: string;
  cluster: { server: string; 'certificate-authority'?: string; 'certificate-authority-data'?: string };
}
interface UserEntry {
  name: string;
  user: {
    'client-certificate'?: string;
    'client-key'?: string;
    'client-certificate-data'?: string;
    'client-key-data'?: string;
    token?: string;
  };
}
interface ContextEntry {
  name: string;
  context: { cluster: string; user: string; namespace?: string };
}

/** Kubeconfig for a control-plane component, pointing at certificate files. */
export async function writeComponentKubeconfig(
  file: string,
  server: string,
  files: { caCert: string; cert: string; key: string },
): Promise<void> {
  await writeKubeconfig(file, {
    clusters: [{ name: 'local', cluster: { server, 'certificate-authority': files.caCert } }],
    users: [{ name: 'component', user: { 'client-certificate': files.cert, 'client-key': files.key } }],
    contexts: [{ name: 'local', context: { cluster: 'local', user: 'component' } }],
    current: 'local',
  });
}

/**
 * The kubeconfig handed to people and tests: self-contained (certificates inline), with the
 * admin context as default and a `restricted` context for the namespace-scoped service account.
 */
export async function writeUserKubeconfig(
  file: string,
  opts: {
    clusterName: string;
    server: string;
    caCert: string;
    admin: { cert: string; key: string };
    restricted: { token: string; namespace: string };
  },
): Promise<void> {
  const [ca, cert, key] = await Promise.all([opts.caCert, opts.admin.cert, opts.admin.key].map((f) => base64File(f)));
  const cluster = `foresail-${opts.clusterName}`;
  await writeKubeconfig(file, {
    clusters: [{ name: cluster, cluster: { server: opts.server, 'certificate-authority-data': ca } }],
    users: [
      { name: `${cluster}-admin`, user: { 'client-certificate-data': cert, 'client-key-data': key } },
      { name: `${cluster}-restricted`, user: { token: opts.restricted.token } },
    ],
    contexts: [
      { name: adminContext, context: { cluster, user: `${cluster}-admin` } },
      { name: restrictedContext, context: { cluster, user: `${cluster}-restricted`, namespace: opts.restricted.namespace } },
    ],
    current: adminContext,
  });
}

async function writeKubeconfig(
  file: string,
  parts: { clusters: ClusterEntry[]; users: UserEntry[]; contexts: ContextEntry[]; current: string },
): Promise<void> {
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: parts.clusters,
    users: parts.users,
    contexts: parts.contexts,
    'current-context': parts.current,
    preferences: {},
  };
  const tmp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(tmp, stringify(doc), { mode: 0o600 });
  await fs.rename(tmp, file);
}

async function base64File(file: string): Promise<string> {
  return (await fs.readFile(file)).toString('base64');
}

/**
 * A copy of a cluster's user kubeconfig holding only its admin context, renamed `context` (the demo's
 * Kubernetes account reads context `demo`). Written whole, owner-only: it holds the admin key.
 */
export async function writeRenamedAdminKubeconfig(source: string, target: string, context: string): Promise<void> {
  const doc: unknown = parse(await fs.readFile(source, 'utf8'));
  if (!isKubeconfig(doc)) throw new Error(`${source} is not a kubeconfig written by this module`);
  const admin = doc.contexts.find((c) => c.name === adminContext);
  if (!admin) throw new Error(`${source} has no ${adminContext} context`);
  await writeKubeconfig(target, {
    clusters: doc.clusters.filter((c) => c.name === admin.context.cluster),
    users: doc.users.filter((u) => u.name === admin.context.user),
    contexts: [{ name: context, context: admin.context }],
    current: context,
  });
}

function isKubeconfig(doc: unknown): doc is { clusters: ClusterEntry[]; users: UserEntry[]; contexts: ContextEntry[] } {
  return (
    typeof doc === 'object' &&
    doc !== null &&
    'clusters' in doc &&
    Array.isArray(doc.clusters) &&
    'users' in doc &&
    Array.isArray(doc.users) &&
    'contexts' in doc &&
    Array.isArray(doc.contexts)
  );
}
