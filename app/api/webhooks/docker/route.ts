import { apiRoute } from '@/lib/http';
import { receiveDockerHub } from '@/lib/triggers/receive';
import { webhookDeps, webhookRequest, webhookResponse } from '../webhook-deps';

/**
 * Docker Hub push webhooks. Docker Hub cannot sign deliveries, so a docker trigger fires only when
 * the request presents the trigger's `secret` as ?token= or X-Foresail-Token.
 */
export const POST = apiRoute('/api/webhooks/docker', async ({ req }) => {
  return webhookResponse(await receiveDockerHub(await webhookRequest(req), webhookDeps));
});
