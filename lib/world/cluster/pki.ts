import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Files of one cluster's private PKI, all under `<clusterDir>/pki/`. */
export interface ClusterPki {
  caCert: string;
  caKey: string;
  apiserverCert: string;
  apiserverKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
  clients: Record<ClientIdentity, { cert: string; key: string }>;
}

export type ClientIdentity = 'admin' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok';

/** Client certificate subjects. Kubernetes reads the user from CN and groups from O. */
const clientSubjects: Record<ClientIdentity, string> = {
  admin: '/O=system:masters/CN=foresail-admin',
  'kube-controller-manager': '/CN=system:kube-controller-manager',
  'kube-scheduler': '/CN=system:kube-scheduler',
  // kwok plays every kubelet (node status, leases, pod status, deletion); full rights keep it simple.
  kwok: '/O=system:masters/CN=kwok-controller',
};

/** The ClusterIP of the `kubernetes` Service: first address of the apiserver's service range. */
export const serviceClusterIpRange = '10.96.0.0/16';
const apiserverServiceIp = '10.96.0.1';

export function pkiPaths(dir: string): ClusterPki {
  const p = (file: string) => path.join(dir, file);
  const clients = Object.fromEntries(
    (Object.keys(clientSubjects) as ClientIdentity[]).map((id) => [id, { cert: p(`${id}.crt`), key: p(`${id}.key`) }]),
  ) as Record<ClientIdentity, { cert: string; key: string }>;
  return {
    caCert: p('ca.crt'),
    caKey: p('ca.key'),
    apiserverCert: p('apiserver.crt'),
    apiserverKey: p('apiserver.key'),
    serviceAccountKey: p('sa.key'),
    serviceAccountPub: p('sa.pub'),
    clients,
  };
}

/**
 * Creates (once) a CA, the apiserver serving certificate, client certificates and the
 * service-account signing key pair, with the `openssl` CLI. Certificates name 127.0.0.1 rather
 * than a port, so they stay valid across restarts on new ports. Written to a temporary folder
 * and renamed, so an interrupted run never leaves a half PKI.
 */
export async function ensurePki(dir: string, clusterName: string): Promise<ClusterPki> {
  const final = pkiPaths(dir);
  if (await allExist(final)) return final;
  const tmp = `${dir}.tmp-${process.pid}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp, { recursive: true, mode: 0o700 });
  const pki = pkiPaths(tmp);
  try {
    await newKey(pki.caKey);
    await openssl([
      'req', '-x509', '-new', '-key', pki.caKey, '-out', pki.caCert, '-days', '3650', '-subj', `/CN=foresail-${clusterName}-ca`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await signed(pki, pki.apiserverKey, pki.apiserverCert, '/CN=kube-apiserver', 'serverAuth', [
      'subjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,' +
        `DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:${apiserverServiceIp}`,
    ]);
    for (const [id, subject] of Object.entries(clientSubjects) as [ClientIdentity, string][]) {
      await signed(pki, pki.clients[id].key, pki.clients[id].cert, subject, 'clientAuth', []);
    }
    await newKey(pki.serviceAccountKey);
    await openssl(['pkey', '-in', pki.serviceAccountKey, '-pubout', '-out', pki.serviceAccountPub]);
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rename(tmp, dir);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
  return final;
}

async function signed(pki: ClusterPki, key: string, cert: string, subject: string, usage: string, extra: string[]): Promise<void> {
  await newKey(key);
  await openssl([
    'req', '-new', '-key', key, '-out', cert, '-days', '3650', '-subj', subject, '-CA', pki.caCert, '-CAkey', pki.caKey,
    '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment',
    '-addext', `extendedKeyUsage=${usage}`, ...extra.flatMap((ext) => ['-addext', ext]),
  ]);
}

/** ECDSA P-256: quick to generate and accepted everywhere Kubernetes takes a key. */
async function newKey(file: string): Promise<void> {
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]);
  await fs.chmod(file, 0o600);
}

async function openssl(args: string[]): Promise<void> {
  try {
    await execFileAsync('openssl', args);
  } catch (err) {
    const stderr = err instanceof Error && 'stderr' in err ? String(err.stderr) : '';
    throw new Error(`openssl ${args[0]} failed: ${stderr || String(err)}`);
  }
}

async function allExist(pki: ClusterPki): Promise<boolean> {
  const files = [
    pki.caCert, pki.caKey, pki.apiserverCert, pki.apiserverKey, pki.serviceAccountKey, pki.serviceAccountPub,
    ...Object.values(pki.clients).flatMap((c) => [c.cert, c.key]),
  ];
  try {
    await Promise.all(files.map((f) => fs.access(f)));
    return true;
  } catch {
    return false;
  }
}
