import { run, runChecked } from './run.ts';

// Answers for slapd's install questions, so the install never stops to ask. The system slapd this
// configures is never used (policy-rc.d keeps it stopped here); the tests run their own, see ldap.ts.
const SLAPD_PRESEED = `slapd slapd/domain string foresail.test
slapd shared/organization string Foresail
slapd slapd/password1 password adminpw
slapd slapd/password2 password adminpw
slapd slapd/no_configuration boolean false
slapd slapd/purge_database boolean true
slapd slapd/move_old_database boolean true
`;

// Waits for another apt/dpkg run (unattended upgrades, a parallel setup) instead of failing on its lock.
const LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=600'];

/** What the test world (and the demo world) need from Debian: OpenLDAP's server and tools, Prometheus. */
export const testWorldAptPackages = ['slapd', 'ldap-utils', 'prometheus'];

async function isInstalled(pkg: string): Promise<boolean> {
  const { code, stdout } = await run('dpkg-query', ['-W', '-f=${Status}', pkg]);
  return code === 0 && stdout.trim() === 'install ok installed';
}

/** The packages of `pkgs` dpkg does not list as installed. */
export async function missingAptPackages(pkgs: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const pkg of pkgs) if (!(await isInstalled(pkg))) missing.push(pkg);
  return missing;
}

/** The command a person runs to install `pkgs` (as printed in messages; never run through a shell). */
export function aptInstallCommand(pkgs: readonly string[]): string {
  return `sudo apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
}

/**
 * Installs the Debian packages that are not installed yet (a fresh machine running `npm test` for the
 * first time); a no-op costing one dpkg-query per package otherwise.
 */
export async function ensureAptPackages(
  pkgs: readonly string[],
  log: (line: string) => void = (line) => console.log(line),
): Promise<void> {
  const missing = await missingAptPackages(pkgs);
  if (missing.length === 0) return;

  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Install them as root:\n  ${aptInstallCommand(missing)}`);
  }
  await installAptPackages(missing, log);
}

/** Installs `missing` with apt-get (as root), printing each package as it is unpacked and set up. */
export async function installAptPackages(missing: readonly string[], log: (line: string) => void): Promise<void> {
  const started = Date.now();
  log(`[apt] installing ${missing.join(' ')}`);
  if (missing.includes('slapd')) await runChecked('debconf-set-selections', [], { input: SLAPD_PRESEED });
  await runChecked('apt-get', [...LOCK_WAIT, 'update']);
  await runChecked(
    'apt-get',
    [...LOCK_WAIT, 'install', '-y', '--no-install-recommends', ...missing],
    {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      onLine: (line) => {
        // "Setting up x" and "Unpacking x" are enough progress; apt's full output is in the error if it fails.
        if (/^(Setting up|Unpacking) /.test(line)) log(`[apt] ${line}`);
      },
    },
  );
  log(`[apt] installed ${missing.join(' ')} in ${Math.round((Date.now() - started) / 1000)} s`);
}
