import { auditFor } from '@/lib/audit-visibility';
import { parseAuditQuery } from '@/lib/auth/audit-query';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';

export const GET = apiRoute('/api/v1/audit', async ({ req }) => {
  const user = await requireUser(req);
  return json(await auditFor(user, parseAuditQuery(new URL(req.url).searchParams)));
});
