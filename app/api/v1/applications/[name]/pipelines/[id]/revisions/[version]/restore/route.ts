import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { findRevision } from '@/lib/db/pipelines';
import { NotFoundError } from '@/lib/errors';
import { apiRoute, json, readJson } from '@/lib/http';
import { savePipelineFor, visiblePipeline } from '@/lib/services/pipelines';
import { parseVersion } from '@/lib/services/revisions';
import { requestMeta } from '@/lib/request-meta';

/** Restores an old revision as a new version (history is never rewritten). */
export const POST = apiRoute<{ name: string; id: string; version: string }>('/api/v1/applications/[name]/pipelines/[id]/revisions/[version]/restore', async ({ req, params }) => {
  const user = await requireUser(req);
  const { application, record } = await visiblePipeline(user, params.name, params.id);
  const { expectedVersion } = await readJson(req, z.strictObject({ expectedVersion: z.number().int().min(1) }));
  const version = parseVersion(params.version);
  const revision = await findRevision(record.id, version);
  if (!revision) throw new NotFoundError(`Revision ${version} not found`);
  const { view, warnings } = await savePipelineFor(requestMeta(req), user, application, record, { ...revision.config, id: record.id }, expectedVersion, 'restore');
  return json({ ...view, warnings });
});
