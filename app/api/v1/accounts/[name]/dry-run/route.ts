import { assertCan } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { dryRunRequestSchema } from '@/lib/pipeline/kubernetes-accounts';
import { accountResource, findVisibleAccount } from '@/lib/services/accounts';
import { dryRunManifests } from '@/lib/services/manifest-dry-run';

export const POST = apiRoute<{ name: string }>('/api/v1/accounts/[name]/dry-run', async ({ req, params }) => {
  const user = await requireUser(req);
  const account = findVisibleAccount(user, params.name);
  // A dry run is a write request to the apiserver (admission runs, quotas are checked): it needs WRITE.
  assertCan(user, 'write', accountResource(account));
  const request = await readJson(req, dryRunRequestSchema);
  return json(await dryRunManifests(account, request));
});
