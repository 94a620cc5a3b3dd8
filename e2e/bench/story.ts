/**
 * Issue 14: the goldengoose story's wall time from "Push a change" to the canary verdict with the
 * demo's timing (30 s warm-up, 1-minute intervals, 4 minutes), and Foresail's own share of it: the
 * total minus the configured waits (warm-up and analysis lifetime) and the simulated build's
 * seconds. Real parts: embedded PostgreSQL, one worker process, the test cluster (FORESAIL_TEST_CLUSTERS,
 * first name; `npm run services:up` starts one), a Prometheus of its own scraping the traffic
 * simulator, and the GitHub webhook route handler in this process. One healthy push.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';
import pg from 'pg';
import { stringify } from 'yaml';
import { POST as github } from '../../app/api/webhooks/github/route';
import { commitsFile } from '../../lib/demo/commits';
import { goldengoose } from '../../lib/demo/goldengoose';
import { pushChange } from '../../lib/demo/push/send';
import { seedProduction } from '../../lib/demo/seed/cluster';
import { seedGoldengoose } from '../../lib/demo/seed/database';
import { demoCanaryTiming } from '../../lib/demo/seed/pipelines';
import { behaviourFromCommits } from '../../lib/demo/simulators/behaviour';
import { startBuildController } from '../../lib/demo/simulators/build-controller';
import { startTrafficSimulator } from '../../lib/demo/simulators/traffic/simulator';
import { disconnectDb } from '../../lib/db/client';
import { migrateJobQueue } from '../../lib/db/job-queue';
import { applyMigrations } from '../../lib/db/migrate';
import { closePool } from '../../lib/db/pool';
import { reloadConfig } from '../../lib/env';
import { clusterClientFor } from '../../lib/kubernetes/client';
import { testAccounts, uniqueName } from '../../lib/kubernetes/testing';
import { getLogger } from '../../lib/log';
import { parseIsoDuration } from '../../lib/pipeline/duration';
import { startEmbeddedPostgres } from '../../lib/runtime/embedded-postgres';
import { makeTempDir } from '../../lib/runtime/processes';
import { addScrapeTarget, startPrometheus, stopPrometheus } from '../../lib/world/prometheus';
import { startWorkers } from '../reliability/workers';
import type { Bench, BenchRow } from './types';

const BUILD_SECONDS = 4;
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** The analysis' configured duration: warm-up plus lifetime. */
const analysisMs = demoCanaryTiming.warmupMinutes * 60_000 + (parseIsoDuration(demoCanaryTiming.lifetime) ?? 0);

interface StageTimes {
  name: string;
  start: Date | null;
  end: Date | null;
  status: string;
}

async function stagesOf(client: pg.Client, pipelineId: string): Promise<{ status: string; stages: StageTimes[] } | undefined> {
  const execution = await client.query<{ id: string; status: string }>('SELECT id, status FROM executions WHERE pipeline_id = $1 ORDER BY id DESC LIMIT 1', [pipelineId]);
  const row = execution.rows[0];
  if (!row) return undefined;
  const stages = await client.query<{ name: string; start_time: Date | null; end_time: Date | null; status: string }>('SELECT name, start_time, end_time, status FROM stage_executions WHERE execution_id = $1', [row.id]);
  return { status: row.status, stages: stages.rows.map((s) => ({ name: s.name, start: s.start_time, end: s.end_time, status: s.status })) };
}

export const storyBench: Bench = {
  id: 'story',
  title: 'The goldengoose story: push → canary verdict with the demo timing, and Foresail’s own share',
  async run(): Promise<BenchRow[]> {
    const { info, admin } = testAccounts();
    const root = makeTempDir('foresail-bench-story-');
    const dataDir = path.join(root, 'data');
    const log = getLogger().child({ component: 'bench-story' });
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(root, 'postgres'), log, ephemeral: true, database: 'bench' });
    const stops: (() => Promise<unknown>)[] = [() => postgres.stop()];
    const saved = { DATABASE_URL: process.env.DATABASE_URL, FORESAIL_CONFIG: process.env.FORESAIL_CONFIG, LOG_LEVEL: process.env.LOG_LEVEL };
    const namespace = uniqueName('gg-bench');
    const cluster = clusterClientFor(admin);
    try {
      const prometheus = await startPrometheus({ root, scrapeJob: { name: 'demo', intervalSeconds: 5 } });
      stops.push(() => stopPrometheus({ root }));
      const configFile = path.join(root, 'foresail.yaml');
      fs.writeFileSync(
        configFile,
        stringify({
          dataDir,
          auth: { serviceAccounts: [{ name: 'goldengoose-deployer', roles: ['release-managers'] }] },
          kubernetes: { accounts: [{ name: goldengoose.kubernetesAccount, kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } }] },
          prometheus: { egress: { allow: ['127.0.0.1'] }, accounts: [{ name: goldengoose.metricsAccount, url: prometheus.url, permissions: { READ: ['release-managers'] } }] },
        }),
      );
      Object.assign(process.env, { DATABASE_URL: postgres.url, FORESAIL_CONFIG: configFile, LOG_LEVEL: 'silent' });
      reloadConfig();
      await applyMigrations(postgres.url);
      await migrateJobQueue(postgres.url);
      await seedGoldengoose({ dataDir, namespace, timing: demoCanaryTiming });
      const quiet = () => undefined;
      await seedProduction(info.kubeconfigPath, info.adminContext, quiet, namespace);
      // When the simulated controller marked the TaskRun succeeded: the build's time is not Foresail's.
      let builtAt: number | undefined;
      const controller = startBuildController({ kubeconfigPath: info.kubeconfigPath, context: info.adminContext, namespace, buildSeconds: BUILD_SECONDS, log: (line) => (builtAt = line.endsWith(': Succeeded') ? Date.now() : builtAt) });
      stops.push(() => controller.stop());
      const traffic = await startTrafficSimulator({ kubeconfigPath: info.kubeconfigPath, context: info.adminContext, namespace, service: goldengoose.workload, behaviourOf: behaviourFromCommits(commitsFile(dataDir)), log: quiet });
      stops.push(() => traffic.stop());
      addScrapeTarget({ root, name: 'traffic', url: traffic.metricsUrl });
      const fleet = startWorkers(1, { DATABASE_URL: postgres.url, LOG_LEVEL: 'warn', FORESAIL_CONFIG: configFile }, path.join(root, 'worker.log'));
      stops.push(() => fleet.stop());
      const db = new pg.Client({ connectionString: postgres.url });
      await db.connect();
      stops.push(() => db.end());
      // Let production's traffic reach Prometheus before the push, as in a demo that has been running.
      await sleep(15_000);

      const pushed = performance.now();
      const pushedAt = Date.now();
      await pushChange({
        profile: 'healthy',
        pusher: 'bench',
        dataDir,
        webhookUrl: 'http://127.0.0.1:3000/api/webhooks/github',
        send: (url, init) => github(new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]), { params: Promise.resolve({}) }),
      });
      const budgetMs = (demoCanaryTiming.warmupMinutes + 6) * 60_000;
      let analysis: StageTimes | undefined;
      let deploy: { status: string; stages: StageTimes[] } | undefined;
      while (performance.now() - pushed < budgetMs) {
        deploy = await stagesOf(db, goldengoose.pipelines.deploy);
        analysis = deploy?.stages.find((s) => s.name === 'Canary analysis');
        if (analysis?.end || (deploy && ['TERMINAL', 'CANCELED'].includes(deploy.status))) break;
        await sleep(250);
      }
      if (!analysis?.start || !analysis.end) throw new Error(`no verdict within ${seconds(budgetMs)}: Deploy ${deploy?.status ?? 'never started'}; see ${root}/worker.log`);
      const build = await stagesOf(db, goldengoose.pipelines.build);
      const total = analysis.end.getTime() - pushedAt;
      const buildStage = build?.stages.find((s) => s.name === 'Build image');
      // From the stage creating the TaskRun to the simulated controller completing it (its build time and its 1 s polling).
      const simulatedBuildMs = builtAt && buildStage?.start ? builtAt - buildStage.start.getTime() : BUILD_SECONDS * 1000;
      const configuredWaits = analysisMs + simulatedBuildMs;
      return [
        { metric: 'push → verdict (wall time)', value: seconds(total), note: `verdict ${analysis.status}; warm-up ${demoCanaryTiming.warmupMinutes * 60} s + analysis ${demoCanaryTiming.lifetime} configured` },
        { metric: 'simulated build (not Foresail)', value: seconds(simulatedBuildMs), note: `${BUILD_SECONDS} s configured, plus the simulated controller's polling` },
        { metric: 'Foresail’s own share', value: seconds(total - configuredWaits), target: '< 5 s', note: 'total minus warm-up, lifetime and the simulated build; includes kwok starting the pods (~1 s)' },
        { metric: 'push → Build stage running', value: seconds((buildStage?.start?.getTime() ?? pushedAt) - pushedAt) },
        { metric: 'push → analysis started (copies ready)', value: seconds(analysis.start.getTime() - pushedAt) },
        { metric: 'analysis: beyond warm-up + lifetime', value: seconds(analysis.end.getTime() - analysis.start.getTime() - analysisMs) },
      ];
    } finally {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
      await closePool();
      await disconnectDb();
      await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace }).catch(() => undefined);
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) Reflect.deleteProperty(process.env, key);
        else process.env[key] = value;
      }
      reloadConfig();
    }
  },
};
