import { apiRoute } from '@/lib/http';
import { receiveWebhook } from '@/lib/triggers/receive';
import { webhookDeps, webhookRequest, webhookResponse } from '../../webhook-deps';

/**
 * Spinnaker's generic webhook (`/webhooks/webhook/{source}`): any JSON body; `webhook` triggers with
 * this source and satisfied payloadConstraints fire when the request presents the trigger's
 * `secret` as ?token= or X-Foresail-Token.
 */
export const POST = apiRoute<{ source: string }>('/api/webhooks/webhook/[source]', async ({ req, params }) => {
  return webhookResponse(await receiveWebhook(params.source, await webhookRequest(req), webhookDeps));
});
