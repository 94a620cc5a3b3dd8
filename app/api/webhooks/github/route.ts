import { apiRoute } from '@/lib/http';
import { receiveGitHub } from '@/lib/triggers/receive';
import { webhookDeps, webhookRequest, webhookResponse } from '../webhook-deps';

/**
 * GitHub webhook deliveries (push; ping is answered). Public: each git trigger's secret is checked
 * against X-Hub-Signature-256 (or the legacy X-Hub-Signature) over the raw body.
 */
export const POST = apiRoute('/api/webhooks/github', async ({ req }) => {
  return webhookResponse(await receiveGitHub(await webhookRequest(req), webhookDeps));
});
