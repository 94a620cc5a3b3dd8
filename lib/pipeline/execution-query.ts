import { z } from 'zod';
import { statusValues } from './execution';

const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** GET /api/v1/executions query (also documents the endpoint in the OpenAPI document). */
export const executionQuerySchema = z.strictObject({
  application: z.string().max(40).optional(),
  /** Pipeline config ids, comma-separated. */
  pipeline: csv.optional(),
  /** Statuses, comma-separated (RUNNING,TERMINAL). */
  statuses: csv.pipe(z.array(z.enum(statusValues))).optional(),
  from: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  to: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  cursor: z.string().regex(/^[0-9A-Z]{26}$/, 'must be a cursor from a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
