import { apiRoute, json } from '@/lib/http';
import { receiveDockerHub } from '@/lib/triggers/receive';
import { webhookDeps, webhookRequest } from '../webhook-deps';

/**
 * Docker Hub push webhooks. Docker Hub cannot sign deliveries, so a docker trigger fires only when
 * the request presents the trigger's `secret` as ?token= or X-Foresail-Token.
 */
export const POST = apiRoute('/api/webhooks/docker', async ({ req }) => {
  const { status, body } = await receiveDockerHub(await webhookRequest(req), webhookDeps);
  return json(body, { status });
});
