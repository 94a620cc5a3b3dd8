import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const openssl = (args: string[]) => execFileAsync('openssl', args);

export interface TlsFiles {
  caCert: string;
  cert: string;
  key: string;
}

/**
 * A throwaway certificate authority and a server certificate for `localhost` / 127.0.0.1, made with
 * the openssl CLI, for nginx terminating TLS in front of the replicas. Browsers trust the CA through
 * their NSS database (trustCaInNssDb), not by ignoring certificate errors.
 */
export async function makeTlsFiles(dir: string): Promise<TlsFiles> {
  fs.mkdirSync(dir, { recursive: true });
  const p = (name: string) => path.join(dir, name);
  await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=Foresail scale-out test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-keyout', p('ca.key'), '-out', p('ca.crt')]);
  await openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=localhost', '-keyout', p('server.key'), '-out', p('server.csr')]);
  fs.writeFileSync(p('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\nbasicConstraints=CA:FALSE\n');
  await openssl(['x509', '-req', '-in', p('server.csr'), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', p('server.ext'), '-out', p('server.crt')]);
  return { caCert: p('ca.crt'), cert: p('server.crt'), key: p('server.key') };
}

/**
 * Chromium on Linux trusts the CAs in `$HOME/.pki/nssdb`: a fresh database under `home` holding
 * only this CA; launch Chromium with HOME=home.
 */
export async function trustCaInNssDb(home: string, caCert: string): Promise<void> {
  const db = path.join(home, '.pki', 'nssdb');
  fs.mkdirSync(db, { recursive: true });
  await execFileAsync('certutil', ['-d', `sql:${db}`, '-N', '--empty-password']);
  await execFileAsync('certutil', ['-d', `sql:${db}`, '-A', '-t', 'C,,', '-n', 'foresail-scale-out-ca', '-i', caCert]);
}
