import 'server-only';
import { claimSignedBody } from '@/lib/db/engine/deliveries';
import { getPool } from '@/lib/db/pool';
import { recordTriggerAttempts } from '@/lib/db/trigger-attempts';
import { listPipelinesWithTriggerType } from '@/lib/db/trigger-pipelines';
import { startExecution } from '@/lib/engine/start-execution';
import { getConfig } from '@/lib/env';
import { json } from '@/lib/http';
import { readRequestBody } from '@/lib/limited-body';
import { WebhookRateLimiter } from '@/lib/triggers/rate-limit';
import type { ReceiveDeps, WebhookRequest, WebhookResponse } from '@/lib/triggers/receive';

// One limiter per process (kept across dev-server module reloads).
const globalForLimiter = globalThis as unknown as { foresailWebhookLimiter?: WebhookRateLimiter };
const limiter = (globalForLimiter.foresailWebhookLimiter ??= new WebhookRateLimiter());

/** What the webhook routes match against and start with. */
export const webhookDeps: ReceiveDeps = {
  listPipelines: listPipelinesWithTriggerType,
  start: startExecution,
  record: recordTriggerAttempts,
  admit: (endpoint, sender) => limiter.admit(endpoint, sender),
  claimSignedBody: ({ source, bodyHash, deliveryId }) => claimSignedBody(getPool(), source, bodyHash, deliveryId),
  serviceAccounts: () => getConfig().auth.serviceAccounts,
};

/** The request as lib/triggers/receive reads it: headers, URL and the raw body (size-limited like every API body). */
export async function webhookRequest(req: Request): Promise<WebhookRequest> {
  return { headers: req.headers, url: new URL(req.url), body: await readRequestBody(req, getConfig().server.maxBodyBytes) };
}

/** The anonymous answer: status, body and headers only (never the per-pipeline report). */
export const webhookResponse = ({ status, body, headers }: WebhookResponse): Response => json(body, { status, ...(headers ? { headers } : {}) });
