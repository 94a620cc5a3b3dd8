import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'ldapts';
import { withLock } from './lock.ts';
import { ldapSeedFile, servicesDir, testWorldRoot } from './paths.ts';
import { choosePort } from './ports.ts';
import { isOurProcess, spawnServer, stopProcess, waitForReady, type WorldServiceOptions } from './processes.ts';
import { runChecked } from './run.ts';
import { githubSchema, renderSlapdConf } from './slapd-config.ts';
import { isRecord, readState, writeJsonAtomic } from './state.ts';

export interface LdapInfo {
  url: string;
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  usersDn: string;
  groupsDn: string;
  pid: number;
}

const DEFAULT_PORT = 3890;
const BASE_DN = 'dc=foresail,dc=test';
const ADMIN_DN = `cn=admin,${BASE_DN}`;
const ADMIN_PASSWORD = 'adminpw';

const lockTimeoutMs = 60_000;

/** The files of one world's slapd. */
function ldapFiles(root: string) {
  const dir = path.join(servicesDir(root), 'ldap');
  return {
    dir,
    // Outside `dir`, which a fresh start wipes.
    lock: path.join(servicesDir(root), 'ldap.lock'),
    // The port of the last slapd: a restart (the "LDAP stopped" e2e test) comes back where running
    // Foresails were told to look, even when the default port was taken by another checkout's slapd.
    lastPort: path.join(servicesDir(root), 'ldap.port'),
    conf: path.join(dir, 'slapd.conf'),
    githubSchema: path.join(dir, 'github.schema'),
    data: path.join(dir, 'data'),
    log: path.join(dir, 'slapd.log'),
    state: path.join(dir, 'state.json'),
  };
}
type LdapFiles = ReturnType<typeof ldapFiles>;

function isLdapInfo(value: unknown): value is LdapInfo {
  return isRecord(value) && typeof value.url === 'string' && typeof value.pid === 'number';
}

/** Can we bind as the admin? This is the readiness probe and the "is the recorded one still healthy" check. */
async function answers(info: Pick<LdapInfo, 'url' | 'bindDn' | 'bindPassword'>): Promise<boolean> {
  const client = new Client({ url: info.url, connectTimeout: 1_000, timeout: 2_000 });
  try {
    await client.bind(info.bindDn, info.bindPassword);
    return true;
  } catch {
    return false;
  } finally {
    // A client whose bind failed still holds its socket and would keep the process alive.
    await client.unbind().catch(() => undefined);
  }
}

/** The slapd recorded in the state file, if it is still running and answering. */
export async function runningLdap(opts: WorldServiceOptions = {}): Promise<LdapInfo | undefined> {
  const files = ldapFiles(opts.root ?? testWorldRoot);
  const info = readState(files.state, isLdapInfo);
  if (!info || !isOurProcess(info.pid, files.conf)) return undefined;
  return (await answers(info)) ? info : undefined;
}

/**
 * Starts a throwaway slapd seeded from lib/world/ldap-seed.ldif, or returns the one already running.
 * Each fresh start wipes the data, so the directory always holds exactly the seed.
 */
export async function startLdap(opts: WorldServiceOptions = {}): Promise<LdapInfo> {
  return (await ensureLdap(opts)).info;
}

/** Like startLdap(), also telling whether this call started it (under the lock, so without a race). */
export function ensureLdap(opts: WorldServiceOptions = {}): Promise<{ info: LdapInfo; started: boolean }> {
  const files = ldapFiles(opts.root ?? testWorldRoot);
  return withLock(
    files.lock,
    'starting ldap',
    async () => {
      const running = await runningLdap(opts);
      return running ? { info: running, started: false } : { info: await startLocked(files, opts), started: true };
    },
    { timeoutMs: lockTimeoutMs },
  );
}

function lastPort(files: LdapFiles): number | undefined {
  try {
    const port = Number(fs.readFileSync(files.lastPort, 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

async function startLocked(files: LdapFiles, opts: WorldServiceOptions): Promise<LdapInfo> {
  await stopLocked(files); // a recorded slapd that no longer answers

  fs.rmSync(files.dir, { recursive: true, force: true });
  fs.mkdirSync(files.data, { recursive: true });
  fs.writeFileSync(files.githubSchema, githubSchema);
  fs.writeFileSync(
    files.conf,
    renderSlapdConf({ dir: files.dir, dataDir: files.data, baseDn: BASE_DN, rootDn: ADMIN_DN, rootPassword: ADMIN_PASSWORD, githubSchemaFile: files.githubSchema }),
  );
  // slaptest reports configuration mistakes with a readable message instead of a silent slapd exit.
  await runChecked('slaptest', ['-u', '-f', files.conf]);

  const port = await choosePort(lastPort(files) ?? opts.preferredPort ?? DEFAULT_PORT);
  fs.writeFileSync(files.lastPort, String(port));
  const url = `ldap://127.0.0.1:${port}`;
  // -d keeps slapd in the foreground, so the PID we spawn is slapd's. Level "stats" logs startup errors
  // (-d 0 silences even "bind failed: Address already in use") and one line per operation, which is
  // what you want when an auth test fails.
  const pid = spawnServer('slapd', ['-f', files.conf, '-h', `${url}/`, '-d', 'stats'], files.log, { detached: opts.detached });
  const info: LdapInfo = {
    url,
    bindDn: ADMIN_DN,
    bindPassword: ADMIN_PASSWORD,
    baseDn: BASE_DN,
    usersDn: `ou=people,${BASE_DN}`,
    groupsDn: `ou=groups,${BASE_DN}`,
    pid,
  };
  // Record the PID before waiting, so ldap:down can clean up even if startup fails half-way.
  writeJsonAtomic(files.state, info);
  try {
    await waitForReady({
      what: `slapd on ${url}`,
      probe: () => answers(info),
      isAlive: () => isOurProcess(pid, files.conf),
      logFile: files.log,
      timeoutMs: 15_000,
    });
    // Over the wire, not slapadd: slapadd bypasses overlays, so memberOf would stay empty.
    await runChecked('ldapadd', ['-x', '-H', url, '-D', ADMIN_DN, '-w', ADMIN_PASSWORD, '-f', ldapSeedFile]);
  } catch (err) {
    await stopLocked(files);
    throw err;
  }
  return info;
}

/** Stops the recorded slapd by PID (if it is ours and alive) and forgets it. */
export function stopLdap(opts: Pick<WorldServiceOptions, 'root'> = {}): Promise<void> {
  const files = ldapFiles(opts.root ?? testWorldRoot);
  return withLock(files.lock, 'stopping ldap', () => stopLocked(files), { timeoutMs: lockTimeoutMs });
}

async function stopLocked(files: LdapFiles): Promise<void> {
  const info = readState(files.state, isLdapInfo);
  if (info) await stopProcess(info.pid, files.conf);
  fs.rmSync(files.state, { force: true });
}
