import 'server-only';
import { findCanaryConfigById, insertCanaryConfig } from '../../db/canary-configs';
import { createApplication, findApplication } from '../../db/applications';
import { findPipeline, findPipelineByName, insertPipeline } from '../../db/pipelines';
import { parsePipeline } from '../../pipeline';
import { prepareCanaryConfig } from '../../services/canary-configs';
import { goldengoose } from '../goldengoose';
import { goldengooseCanaryConfig } from './canary-config';
import { buildPipeline, deployPipeline, demoCanaryTiming, type CanaryTiming } from './pipelines';
import { demoWebhookSecret } from './webhook-secret';

export interface SeedOptions {
  dataDir: string;
  /** The Deploy pipeline's canary timing (tests shorten it). */
  timing?: CanaryTiming;
  /** Where goldengoose runs (tests use one of their own). */
  namespace?: string;
}

export interface SeedReport {
  created: string[];
  kept: string[];
}

const SEEDER = 'demo-seed';

/**
 * The goldengoose story's data: the application, its golden-signals canary config, and the Build and
 * Deploy pipelines. Each is created only when missing (found by its fixed id, or a pipeline by its
 * name), never updated: whatever people changed stays as they left it, and a restart brings back
 * only what was deleted.
 */
export async function seedGoldengoose(opts: SeedOptions): Promise<SeedReport> {
  const report: SeedReport = { created: [], kept: [] };
  const note = (created: boolean, what: string) => (created ? report.created : report.kept).push(what);

  const existing = await findApplication(goldengoose.application);
  if (!existing) {
    await createApplication({
      name: goldengoose.application,
      description: 'Demo service: every push to main is built, canaried against production and promoted only if its metrics hold up.',
      ownerEmail: 'release-managers@example.com',
      permissions: { READ: ['viewers', 'developers', 'release-managers'], WRITE: ['developers', 'release-managers'], EXECUTE: ['release-managers'] },
    });
  }
  note(!existing, `application ${goldengoose.application}`);

  const config = await findCanaryConfigById(goldengoose.canaryConfigId);
  if (!config) {
    const prepared = prepareCanaryConfig(goldengooseCanaryConfig(), goldengoose.application);
    await insertCanaryConfig({ id: goldengoose.canaryConfigId, application: goldengoose.application, name: prepared.name, config: prepared.config, by: SEEDER });
  }
  note(!config, `canary config ${goldengoose.canaryConfigId}`);

  for (const pipeline of [buildPipeline(demoWebhookSecret(opts.dataDir), opts.namespace), deployPipeline(opts.timing ?? demoCanaryTiming, opts.namespace)]) {
    const id = String(pipeline.id);
    const name = String(pipeline.name);
    const present = (await findPipeline(id)) ?? (await findPipelineByName(goldengoose.application, name));
    if (!present) {
      const parsed = parsePipeline(pipeline);
      if (!parsed.pipeline) throw new Error(`The seeded ${name} pipeline is invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      await insertPipeline({ id, application: goldengoose.application, name, config: { ...(parsed.pipeline as unknown as Record<string, unknown>), id }, disabled: false, locked: false, by: SEEDER, action: 'create' });
    }
    note(!present, `pipeline ${name}`);
  }
  return report;
}
