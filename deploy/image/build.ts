/**
 * `npm run image:build`: builds the Containerfile with Debian's buildah, without a Docker daemon or
 * an image registry, and writes an OCI archive to .foresail/image/foresail-<version>.oci.tar.
 *
 * No registry is reachable here, so the Node base image the Containerfile names is made locally:
 * Debian bookworm from `debootstrap --variant=minbase` (cached under $FORESAIL_CACHE_DIR/image),
 * plus the pinned Node 24 binary from the `node` package in node_modules and this machine's npm.
 * Where a registry is reachable, `podman build .` uses the official node:24 image instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { withLock } from '../../lib/world/lock';
import { cacheDir } from '../../lib/world/paths';
import { ensureAptPackages } from '../../lib/world/apt';
import { run, runChecked } from '../../lib/world/run';
import { imageArchivePath, imageName, imageTools, localNodeImage, nodeVersion, root } from './paths';

const log = (line: string) => process.stdout.write(`[image] ${line}\n`);

function debianMirror(): string {
  const sources = fs.existsSync('/etc/apt/sources.list.d/debian.sources') ? fs.readFileSync('/etc/apt/sources.list.d/debian.sources', 'utf8') : '';
  return sources.match(/^URIs:\s*(\S+\/debian)\s*$/m)?.[1] ?? 'http://deb.debian.org/debian';
}

/** Debian bookworm minbase as a tar (built once; debootstrap needs a few minutes). */
async function ensureRootfs(): Promise<string> {
  const dir = path.join(cacheDir(), 'image');
  const tarball = path.join(dir, 'debian-bookworm-minbase.tar');
  if (fs.existsSync(tarball)) return tarball;
  fs.mkdirSync(dir, { recursive: true });
  return withLock(
    path.join(dir, 'rootfs.lock'),
    'debootstrap of Debian bookworm',
    async () => {
      if (fs.existsSync(tarball)) return tarball;
      const tmp = path.join(dir, `.tmp-bookworm-${process.pid}`);
      fs.rmSync(tmp, { recursive: true, force: true });
      log(`debootstrap --variant=minbase bookworm from ${debianMirror()} (once; a few minutes)`);
      await runChecked('debootstrap', ['--variant=minbase', 'bookworm', tmp, debianMirror()], { onLine: () => undefined });
      await runChecked('tar', ['-C', tmp, '--numeric-owner', '-cf', `${tarball}.part`, '.']);
      fs.renameSync(`${tarball}.part`, tarball);
      fs.rmSync(tmp, { recursive: true, force: true });
      return tarball;
    },
    { timeoutMs: 60 * 60_000, log },
  );
}

async function imageExists(name: string): Promise<boolean> {
  try {
    await runChecked('buildah', ['inspect', '--type', 'image', name]);
    return true;
  } catch {
    return false;
  }
}

/** The npm running this script (npm sets npm_execpath to its npm-cli.js), to install in the base. */
function npmInstallDir(): string {
  const cli = process.env.npm_execpath;
  if (cli && fs.existsSync(cli)) return path.dirname(path.dirname(fs.realpathSync(cli)));
  throw new Error('Run this through npm (`npm run image:build`): the base image gets the npm that runs it');
}

/** The local stand-in for docker.io/library/node:24-bookworm-slim: minbase + pinned node + npm. */
async function ensureNodeBase(): Promise<string> {
  if (await imageExists(localNodeImage())) return localNodeImage();
  const rootfs = await ensureRootfs();
  const nodeBinary = path.join(root, 'node_modules', 'node', 'bin', 'node');
  const npmDir = npmInstallDir();
  const container = (await runChecked('buildah', ['from', 'scratch'])).stdout.trim();
  try {
    await runChecked('buildah', ['add', container, rootfs, '/']);
    await runChecked('buildah', ['copy', container, nodeBinary, '/usr/local/bin/node']);
    await runChecked('buildah', ['copy', container, npmDir, '/usr/local/lib/node_modules/npm']);
    // The machine's CA bundle: the registries are reached through the same TLS trust as here.
    await runChecked('buildah', ['copy', container, '/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/ca-certificates.crt']);
    await runChecked('buildah', ['run', '--isolation', 'chroot', container, '--', '/bin/ln', '-sf', '../lib/node_modules/npm/bin/npm-cli.js', '/usr/local/bin/npm']);
    await runChecked('buildah', [
      'config',
      '--env', 'PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--env', 'NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt',
      '--label', `org.opencontainers.image.description=Debian bookworm minbase + Node ${nodeVersion()} (made locally by deploy/image/build.ts)`,
      container,
    ]);
    await runChecked('buildah', ['commit', '--rm', container, localNodeImage()]);
  } catch (err) {
    await runChecked('buildah', ['rm', container]).catch(() => undefined);
    throw err;
  }
  return localNodeImage();
}

const started = Date.now();
await ensureAptPackages(imageTools);
if (!fs.existsSync(path.join(root, 'node_modules', 'node', 'bin', 'node'))) throw new Error('Run `npm ci` first: the pinned Node binary comes from node_modules/node');
const base = await ensureNodeBase();
log(`building ${imageName()} from ${base} with buildah (npm ci + next build inside; several minutes)`);
await runChecked(
  'buildah',
  ['build', '--isolation', 'chroot', '--layers', '--network', 'host', '--build-arg', `NODE_IMAGE=${base}`, '-f', 'Containerfile', '-t', imageName(), '.'],
  { cwd: root, onLine: (line) => (/^(STEP|COMMIT|-->|Successfully)/.test(line) ? log(line) : undefined) },
);
const archive = imageArchivePath();
fs.mkdirSync(path.dirname(archive), { recursive: true });
fs.rmSync(archive, { force: true });
await runChecked('buildah', ['push', imageName(), `oci-archive:${archive}:${imageName()}`]);
const size = Number((await runChecked('podman', ['image', 'inspect', '--format', '{{.Size}}', imageName()])).stdout.trim());
log(`image ${imageName()}: ${(size / 1e6).toFixed(1)} MB unpacked; OCI archive ${path.relative(root, archive)} ${(fs.statSync(archive).size / 1e6).toFixed(1)} MB`);
log(`built in ${Math.round((Date.now() - started) / 1000)} s; checking it (npm run image:check)`);
const checked = await run(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(root, 'deploy', 'image', 'check.ts')], { cwd: root, onLine: (line) => process.stdout.write(`${line}\n`) });
process.exit(checked.code);
