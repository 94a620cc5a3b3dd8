import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { listExecutionSummaries } from '@/lib/db/executions';
import { apiRoute, json } from '@/lib/http';
import { statusValues } from '@/lib/pipeline/execution';
import { visibleApplicationNames } from '@/lib/services/executions';

const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const querySchema = z.strictObject({
  application: z.string().max(40).optional(),
  pipeline: csv.optional(),
  statuses: csv.pipe(z.array(z.enum(statusValues))).optional(),
  from: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  to: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  cursor: z.string().regex(/^[0-9A-Z]{26}$/, 'must be a cursor from a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Executions of the applications you can see, newest first, cursor-paginated. */
export const GET = apiRoute('/api/v1/executions', async ({ req }) => {
  const user = await requireUser(req);
  const raw = Object.fromEntries([...new URL(req.url).searchParams.entries()].filter(([, v]) => v !== ''));
  const query = querySchema.parse(raw);
  const visible = await visibleApplicationNames(user);
  const applications = query.application ? visible.filter((a) => a === query.application) : visible;
  const page = await listExecutionSummaries({ applications, pipelineIds: query.pipeline, statuses: query.statuses, from: query.from, to: query.to, before: query.cursor, limit: query.limit });
  return json(page);
});
