/**
 * The `foresail` command line (`npm run foresail -- <command>`). Commands that serve Foresail
 * validate configuration first and stop with exit code 2 naming the bad key.
 */
import { loadConfigOrExit } from '../config';
import { applyMigrations } from '../db/migrate';
import { migrateJobQueue } from '../db/job-queue';
import { runSupervisor } from '../runtime/supervisor';
import { runConfigCheck } from './config-check';
import { runCrds } from './crds';
import { runExportCrd } from './export-crd';
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
  validate [--application NAME] [--strict] FILE...
                      validate pipeline files as an import reads them (JSON or YAML; one pipeline, a list, or
                      {application, pipelines}); --strict: as the editor saves them; exit 1 on errors
  judge [--input F]   run the canary judge on Kayenta-shaped JSON (file or stdin); JSON result on stdout
  canary-plan [--input F] [--start T]  the intervals (waits and windows) a kayentaCanary stage would run, as JSON
  export --as-crd APP [--namespace NS]  APP's pipelines and canary configs as Pipeline/CanaryConfig resources (YAML)
  crds [--write [FILE] | --install ACCOUNT]  the Pipeline/CanaryConfig CRDs and graph policy: print, write, or apply to an account
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
    case 'dev':
    case 'demo':
      // `npm start|dev|demo` run the same supervisor compiled (lib/runtime/launch.mjs); this is it from source.
      return runSupervisor(command);
    case 'migrate': {
      const config = loadConfigOrExit();
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
    case 'export':
      if (!rest.includes('--as-crd')) break;
      return runExportCrd(rest, process.stdout, process.stderr);
    case 'crds':
      return runCrds(rest, process.stdout, process.stderr);
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
