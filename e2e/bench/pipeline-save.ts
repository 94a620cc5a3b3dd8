/**
 * Issue 5: validate + save of a 200-stage pipeline, server side (the service a PUT runs: parse,
 * normalise, validate, one transaction with the new version and its revision). Target < 50 ms.
 */
import { createApplication } from '../../lib/db/applications';
import { findPipeline } from '../../lib/db/pipelines';
import type { SessionUser } from '../../lib/auth/principal';
import type { RequestMeta } from '../../lib/request-meta';
import { createPipelineFor, savePipelineFor } from '../../lib/services/pipelines';
import { startBenchDatabase } from './bench-database';
import { bigPipeline } from './pipeline-fixtures';
import type { Bench, BenchRow } from './types';
import { percentile } from './stats';

const admin: SessionUser = { login: 'bench', roles: ['admins'], isAdmin: true, canCreateApplications: true, name: null, email: null, groups: [], via: 'session', demo: false };

export const pipelineSaveBench: Bench = {
  id: 'pipeline-save',
  title: 'Validate + save a 200-stage pipeline (server side)',
  async run(): Promise<BenchRow[]> {
    const database = await startBenchDatabase('pg');
    try {
      const application = await createApplication({ name: 'bench', ownerEmail: 'b@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
      const meta: RequestMeta = { sourceIp: null };
      const created = await createPipelineFor(meta, admin, application, bigPipeline(200, 'bench'));
      const id = String(created.view.pipeline.id);
      const times: number[] = [];
      for (let i = 0; i < 40; i++) {
        const record = await findPipeline(id);
        if (!record) throw new Error('pipeline vanished');
        const config = { ...bigPipeline(200, 'bench'), id, description: `run ${i}` };
        const t0 = performance.now();
        await savePipelineFor(meta, admin, application, record, config, record.version);
        times.push(performance.now() - t0);
      }
      const steady = times.slice(5);
      return [
        { metric: 'validate + save, 200 stages, p50', value: `${percentile(steady, 0.5).toFixed(1)} ms`, target: '< 50 ms' },
        { metric: 'validate + save, 200 stages, p95', value: `${percentile(steady, 0.95).toFixed(1)} ms`, note: `${steady.length} saves after 5 warm-up` },
      ];
    } finally {
      await database.stop();
    }
  },
};
