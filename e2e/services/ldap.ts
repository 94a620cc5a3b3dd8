import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'ldapts';
import { withLock } from './lock.ts';
import { fixturesDir, servicesDir } from './paths.ts';
import { choosePort } from './ports.ts';
import { isOurProcess, spawnDetached, stopProcess, waitForReady } from './processes.ts';
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

const dir = path.join(servicesDir, 'ldap');
const files = {
  // Outside `dir`, which a fresh start wipes.
  lock: path.join(servicesDir, 'ldap.lock'),
  // The port of the last slapd: a restart (the "LDAP stopped" e2e test) comes back where running
  // Foresails were told to look, even when the default port was taken by another checkout's slapd.
  lastPort: path.join(servicesDir, 'ldap.port'),
  conf: path.join(dir, 'slapd.conf'),
  githubSchema: path.join(dir, 'github.schema'),
  data: path.join(dir, 'data'),
  log: path.join(dir, 'slapd.log'),
  state: path.join(dir, 'state.json'),
  seed: path.join(fixturesDir, 'ldap-seed.ldif'),
};

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
export async function runningLdap(): Promise<LdapInfo | undefined> {
  const info = readState(files.state, isLdapInfo);
  if (!info || !isOurProcess(info.pid, files.conf)) return undefined;
  return (await answers(info)) ? info : undefined;
}

/**
 * Starts a throwaway slapd seeded from e2e/fixtures/ldap-seed.ldif, or returns the one already running.
 * Each fresh start wipes the data, so the directory always holds exactly the seed.
 */
export async function startLdap(): Promise<LdapInfo> {
  return (await ensureLdap()).info;
}

/** Like startLdap(), also telling whether this call started it (under the lock, so without a race). */
export function ensureLdap(): Promise<{ info: LdapInfo; started: boolean }> {
  return withLock(files.lock, 'starting ldap', async () => {
    const running = await runningLdap();
    return running ? { info: running, started: false } : { info: await startLocked(), started: true };
  });
}

function lastPort(): number | undefined {
  try {
    const port = Number(fs.readFileSync(files.lastPort, 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

async function startLocked(): Promise<LdapInfo> {
  await stopLocked(); // a recorded slapd that no longer answers

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(files.data, { recursive: true });
  fs.writeFileSync(files.githubSchema, githubSchema);
  fs.writeFileSync(
    files.conf,
    renderSlapdConf({ dir, dataDir: files.data, baseDn: BASE_DN, rootDn: ADMIN_DN, rootPassword: ADMIN_PASSWORD, githubSchemaFile: files.githubSchema }),
  );
  // slaptest reports configuration mistakes with a readable message instead of a silent slapd exit.
  await runChecked('slaptest', ['-u', '-f', files.conf]);

  const port = await choosePort(lastPort() ?? DEFAULT_PORT);
  fs.writeFileSync(files.lastPort, String(port));
  const url = `ldap://127.0.0.1:${port}`;
  // -d keeps slapd in the foreground, so the PID we spawn is slapd's. Level "stats" logs startup errors
  // (-d 0 silences even "bind failed: Address already in use") and one line per operation, which is
  // what you want when an auth test fails.
  const pid = spawnDetached('slapd', ['-f', files.conf, '-h', `${url}/`, '-d', 'stats'], files.log);
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
    await runChecked('ldapadd', ['-x', '-H', url, '-D', ADMIN_DN, '-w', ADMIN_PASSWORD, '-f', files.seed]);
  } catch (err) {
    await stopLocked();
    throw err;
  }
  return info;
}

/** Stops the recorded slapd by PID (if it is ours and alive) and forgets it. */
export function stopLdap(): Promise<void> {
  return withLock(files.lock, 'stopping ldap', stopLocked);
}

async function stopLocked(): Promise<void> {
  const info = readState(files.state, isLdapInfo);
  if (info) await stopProcess(info.pid, files.conf);
  fs.rmSync(files.state, { force: true });
}
