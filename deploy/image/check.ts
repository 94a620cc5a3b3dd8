/**
 * Proves a built image (`npm run image:build` runs this last; `npm run image:check` alone): its
 * size, that it runs as a non-root user with no embedded PostgreSQL in it, and that its entrypoint
 * starts — web + worker containers with a read-only root filesystem against a real PostgreSQL,
 * answering /api/health with 200 — plus the migrate command. Prints the figures; exits 1 on a failed check.
 *
 * Podman here needs runc (crun refuses this machine's hybrid cgroups) and ulimits no higher than
 * the sandbox's own (it may not raise them); both are plain podman options.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { getLogger } from '../../lib/log';
import { startEmbeddedPostgres } from '../../lib/runtime/embedded-postgres';
import { freePort, makeTempDir } from '../../lib/runtime/processes';
import { run, runChecked } from '../../lib/world/run';
import { imageName } from './paths';

const podmanRun = ['--runtime', 'runc', 'run', '--network', 'host', '--ulimit', 'nofile=4096:4096', '--ulimit', 'nproc=4096:4096'];
const failures: string[] = [];
const say = (line: string) => process.stdout.write(`[image:check] ${line}\n`);
const check = (ok: boolean, what: string) => {
  say(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const image = imageName();
const inspect = JSON.parse((await runChecked('podman', ['image', 'inspect', image])).stdout) as { Size: number; Config: { User?: string; Entrypoint?: string[] } }[];
const info = inspect[0];
if (!info) throw new Error(`No image ${image}: run \`npm run image:build\` first`);
say(`image ${image}: ${(info.Size / 1e6).toFixed(1)} MB (target < 250 MB)`);
check(info.Config.User === '10001:10001', `runs as uid 10001 (User ${info.Config.User ?? 'unset'})`);

// Every file of the image, without running it.
const container = (await runChecked('podman', ['create', image])).stdout.trim();
const files = (await runChecked('sh', ['-c', `podman export ${container} | tar -t`])).stdout.split('\n');
await run('podman', ['rm', container]);
const postgresFiles = files.filter((f) => /embedded-postgres|\/bin\/(postgres|initdb|pg_ctl)$/.test(f));
check(postgresFiles.length === 0, `no embedded PostgreSQL binaries (${postgresFiles.slice(0, 3).join(', ') || 'none found'})`);
check(!files.some((f) => /(^|\/)node_modules\/(typescript|vitest|@playwright|eslint)\//.test(f)), 'no dev dependencies (typescript, vitest, playwright, eslint)');
say(`${files.filter((f) => !f.endsWith('/')).length} files`);

const dir = makeTempDir('foresail-image-check-');
const postgres = await startEmbeddedPostgres({ dataDir: dir, log: getLogger().child({ component: 'image-check-postgres' }), ephemeral: true, database: 'foresail' });
// TCP, not the socket folder on this host: the container reaches 127.0.0.1 through the host network.
const databaseUrl = postgres.url.replace(/\?host=.*$/, '');
const port = await freePort();
const env = ['-e', `DATABASE_URL=${databaseUrl}`, '-e', `FORESAIL_SESSION_SECRET=${randomBytes(32).toString('base64url')}`, '-e', 'FORESAIL_HOST=127.0.0.1', '-e', 'LOG_LEVEL=warn'];
const readOnly = ['--read-only', '--read-only-tmpfs', '--tmpfs', '/app/.next/cache:rw,size=64m'];
const names = { web: `foresail-check-web-${port}`, worker: `foresail-check-worker-${port}` };
try {
  const started = Date.now();
  await runChecked('podman', [...podmanRun, '-d', '--name', names.web, ...readOnly, ...env, '-e', `PORT=${port}`, image, 'web']);
  await runChecked('podman', [...podmanRun, '-d', '--name', names.worker, ...readOnly, ...env, '-e', `FORESAIL_WORKER_HEALTH_PORT=${await freePort()}`, image, 'worker']);
  let status = 0;
  let body = '';
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && status !== 200) {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
    status = res?.status ?? 0;
    body = res ? await res.text() : '';
    if (status !== 200) await new Promise((r) => setTimeout(r, 500));
  }
  check(status === 200, `web + worker containers (read-only root) answer /api/health 200 in ${((Date.now() - started) / 1000).toFixed(1)} s: ${body}`);
  for (const [role, name] of Object.entries(names)) {
    const pid = (await runChecked('podman', ['inspect', '--format', '{{.State.Pid}}', name])).stdout.trim();
    const rss = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)?.[1];
    say(`${role} process memory (RSS after start): ${rss ? `${Math.round(Number(rss) / 1024)} MiB` : 'unknown'}`);
  }
  const migrate = await run('podman', [...podmanRun, '--rm', ...readOnly, ...env, image, 'migrate']);
  check(migrate.code === 0, `migrate command exits 0 on an up-to-date database (${migrate.code})`);
  const noDatabase = await run('podman', [...podmanRun, '--rm', ...readOnly, image, 'web']);
  check(noDatabase.code === 2 && noDatabase.stderr.includes('DATABASE_URL is not set'), 'without DATABASE_URL it stops with exit 2 and says why');
} finally {
  for (const name of Object.values(names)) {
    const logs = await run('podman', ['logs', '--tail', '5', name]);
    if (failures.length > 0) say(`${name} log tail:\n${logs.stdout}${logs.stderr}`);
    await run('podman', ['rm', '-f', '-t', '5', name]);
  }
  await postgres.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
say(failures.length === 0 ? 'all checks passed' : `${failures.length} check(s) failed`);
process.exit(failures.length === 0 ? 0 : 1);
