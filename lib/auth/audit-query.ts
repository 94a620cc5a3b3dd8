import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date()).transform((value) => new Date(value));
/** A plain date as an upper bound means "until the end of that day". */
const isoDateUntil = z.iso.datetime({ offset: true }).transform((value) => new Date(value)).or(z.iso.date().transform((value) => new Date(new Date(value).getTime() + 86_400_000 - 1)));

export const auditQuerySchema = z.strictObject({
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  application: z.string().max(40).optional(),
  from: isoDate.optional(),
  to: isoDateUntil.optional(),
  cursor: z.string().regex(/^\d{1,19}$/, 'must be a cursor from a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type AuditQueryInput = z.infer<typeof auditQuerySchema>;

/** Reads the query string ("" counts as absent) into a validated query. */
export function parseAuditQuery(params: URLSearchParams): AuditQueryInput {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''));
  return auditQuerySchema.parse(raw);
}
