/**
 * The `foresail` command line (`npm run foresail -- <command>`). Commands that serve Foresail
 * validate configuration first and stop with exit code 2 naming the bad key.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type ForesailConfig } from '../config';
import { applyMigrations } from '../db/migrate';
import { migrateJobQueue } from '../db/job-queue';
import { getLogger } from '../log';
import { runSupervisor } from '../runtime/supervisor';
import { runConfigCheck } from './config-check';
import { runCanaryPlan } from './canary-plan';
import { runJudge } from './judge';
import { runValidate } from './validate';
import { checkTemplateSyntax } from '../pipeline/expressions';

const usage = `Usage: npm run foresail -- <command>

  start               serve the production build with worker(s) (embedded PostgreSQL unless DATABASE_URL is set)
  dev                 development server with worker(s)
  demo                build if needed, seed demo data, then start
  migrate             apply pending database migrations to DATABASE_URL and exit
  config check [FILE] validate configuration (FILE or $FORESAIL_CONFIG plus environment) without starting
  validate FILE...    validate pipeline files (JSON or YAML; one pipeline, a list, or {application, pipelines}); exit 1 on errors
  judge [--input F]   run the canary judge on Kayenta-shaped JSON (file or stdin); JSON result on stdout
  canary-plan [--input F] [--start T]  the intervals (waits and windows) a kayentaCanary stage would run, as JSON
`;

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

function loadOrExit(): ForesailConfig {
  try {
    return loadConfig({ env: process.env });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Foresail cannot start.\n${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/**
 * Demo mode signs people in without GitHub, but sessions still need a secret: create one once
 * under the data folder (0600) so sessions survive restarts, unless one is configured.
 */
function ensureDemoSessionSecret(): void {
  const preview = loadOrExit();
  if (preview.auth.sessionSecret) return;
  const file = path.resolve(preview.dataDir, 'session.secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  process.env.FORESAIL_SESSION_SECRET = fs.readFileSync(file, 'utf8').trim();
}

function ensureBuild(): void {
  if (fs.existsSync(path.join(repoRoot, '.next', 'BUILD_ID'))) return;
  process.stdout.write('No production build yet; running `next build` (once)...\n');
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
    case 'dev': {
      const config = loadOrExit();
      process.env.LOG_LEVEL = config.log.level;
      await runSupervisor({ mode: command, config, log: getLogger().child({ component: 'supervisor' }) });
      return 0;
    }
    case 'demo': {
      process.env.FORESAIL_DEMO ??= 'true';
      ensureDemoSessionSecret();
      const config = loadOrExit();
      process.env.LOG_LEVEL = config.log.level;
      ensureBuild();
      const { seedDemo } = await import('../../prisma/seed');
      await runSupervisor({ mode: 'start', config, log: getLogger().child({ component: 'supervisor' }), beforeServe: seedDemo });
      return 0;
    }
    case 'migrate': {
      const config = loadOrExit();
      if (!config.database.url) {
        process.stderr.write('DATABASE_URL is not set; `foresail start` migrates its embedded database by itself.\n');
        return 2;
      }
      const result = await applyMigrations(config.database.url);
      await migrateJobQueue(config.database.url);
      process.stdout.write(`Applied ${result.applied.length} migration(s); ${result.alreadyApplied} already applied.\n`);
      return 0;
    }
    case 'validate':
      if (rest.length === 0) break;
      return runValidate(rest, process.stdout, process.stderr, { checkExpression: checkTemplateSyntax });
    case 'judge':
      return runJudge(rest, process.stdin, process.stdout, process.stderr);
    case 'canary-plan':
      return runCanaryPlan(rest, process.stdin, process.stdout, process.stderr);
    case 'config':
      if (rest[0] !== 'check') break;
      return runConfigCheck(rest[1], process.stdout, process.stderr);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(usage);
      return 0;
  }
  process.stderr.write(`Unknown command: ${argv.join(' ')}\n\n${usage}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`foresail: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
