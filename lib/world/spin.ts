import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from './paths.ts';
import { runChecked } from './run.ts';

/** The Spinnaker CLI release the Gate-compatibility tests are written against. */
export const SPIN_VERSION = '1.30.0';
const SPIN_MODULE = 'github.com/spinnaker/spin';

interface SpinStamp {
  version: string;
  builtAt: string;
  buildSeconds: number;
}

export function spinPaths(): { bin: string; stamp: string } {
  const binDir = path.join(cacheDir(), 'bin');
  return { bin: path.join(binDir, 'spin'), stamp: path.join(binDir, 'spin.json') };
}

function readStamp(file: string): SpinStamp | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') {
      return parsed as SpinStamp;
    }
  } catch {
    // Missing or unreadable stamp: treat as "not built".
  }
  return undefined;
}

/**
 * Returns the path of a spin binary built from the pinned release, building it with the Go toolchain
 * only when it is missing or was built for another version (the JSON stamp beside it says which).
 */
export async function ensureSpin(log: (line: string) => void = (line) => console.log(line)): Promise<string> {
  const { bin, stamp } = spinPaths();
  if (fs.existsSync(bin) && readStamp(stamp)?.version === SPIN_VERSION) return bin;

  fs.mkdirSync(path.dirname(bin), { recursive: true });
  log(`[spin] building ${SPIN_MODULE}@v${SPIN_VERSION} with ${await goVersion()} (first build downloads its modules: 20–60 s)`);
  const started = Date.now();
  const heartbeat = setInterval(() => log(`[spin] still building… ${Math.round((Date.now() - started) / 1000)} s`), 15_000);
  try {
    const sourceDir = await downloadSpinSource(log);
    const tmp = `${bin}.${process.pid}.tmp`;
    await runChecked(
      goBinary(),
      [
        'build',
        '-trimpath',
        // spin reports "dev" unless the release number is stamped in, as Spinnaker's own release build does.
        `-ldflags=-s -w -X ${SPIN_MODULE}/version.Version=${SPIN_VERSION}`,
        '-o',
        tmp,
        '.',
      ],
      { cwd: sourceDir, env: goEnv(), onLine: (line) => line.trim() && log(`[spin] ${line}`) },
    );
    fs.renameSync(tmp, bin); // a build that dies half-way never leaves a truncated `spin` behind
  } finally {
    clearInterval(heartbeat);
  }
  const printed = await spinVersion(bin);
  if (!printed.includes(SPIN_VERSION)) {
    throw new Error(`Built ${bin}, but \`spin --version\` printed "${printed}" instead of ${SPIN_VERSION}`);
  }
  const buildSeconds = Math.round((Date.now() - started) / 100) / 10;
  const record: SpinStamp = { version: SPIN_VERSION, builtAt: new Date().toISOString(), buildSeconds };
  fs.writeFileSync(stamp, `${JSON.stringify(record, null, 2)}\n`);
  log(`[spin] built ${bin} (${printed}) in ${buildSeconds} s`);
  return bin;
}

/** What `spin --version` prints, trimmed. */
export async function spinVersion(bin: string): Promise<string> {
  const { stdout, stderr } = await runChecked(bin, ['--version']);
  return (stdout || stderr).trim();
}

/**
 * Fetches the release's source into the module cache and returns its directory. We build inside it rather
 * than `go install …@v1.30.0`, because `go install` also asks the proxy for the module's version list
 * (to look for deprecations), which the registry mirror here refuses with 403; `go mod download` only
 * fetches the pinned version. The module has its own go.mod/go.sum, so the build is still fully pinned.
 */
async function downloadSpinSource(log: (line: string) => void): Promise<string> {
  const { stdout } = await runChecked(goBinary(), ['mod', 'download', '-json', `${SPIN_MODULE}@v${SPIN_VERSION}`], {
    env: goEnv(),
  });
  const parsed: unknown = JSON.parse(stdout);
  if (typeof parsed !== 'object' || parsed === null || !('Dir' in parsed) || typeof parsed.Dir !== 'string') {
    throw new Error(`go mod download did not report a source directory for spin:\n${stdout}`);
  }
  log(`[spin] source in ${parsed.Dir}`);
  return parsed.Dir;
}

/** `go` from PATH, else the official tarball's location (npm scripts may run with a PATH that lacks it). */
function goBinary(): string {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, 'go')));
  return onPath || !fs.existsSync('/usr/local/go/bin/go') ? 'go' : '/usr/local/go/bin/go';
}

/** GOTOOLCHAIN=local: never fetch another Go toolchain. GOFLAGS is reset so a caller's -mod flags cannot interfere. */
function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-buildvcs=false' };
}

async function goVersion(): Promise<string> {
  try {
    return (await runChecked(goBinary(), ['version'])).stdout.trim();
  } catch (err) {
    throw new Error(`The Go toolchain is needed to build spin but \`go version\` failed: ${String(err)}`, { cause: err });
  }
}
