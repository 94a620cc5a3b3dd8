import 'server-only';
import { recordTriggerAttempts } from '@/lib/db/trigger-attempts';
import { listPipelinesWithTriggerType } from '@/lib/db/trigger-pipelines';
import { startExecution } from '@/lib/engine/start-execution';
import { getConfig } from '@/lib/env';
import { readRawBody } from '@/lib/triggers/raw-body';
import type { ReceiveDeps, WebhookRequest } from '@/lib/triggers/receive';

/** What the webhook routes match against and start with. */
export const webhookDeps: ReceiveDeps = {
  listPipelines: listPipelinesWithTriggerType,
  start: startExecution,
  record: recordTriggerAttempts,
};

/** The request as lib/triggers/receive reads it: headers, URL and the raw body (size-limited like every API body). */
export async function webhookRequest(req: Request): Promise<WebhookRequest> {
  return { headers: req.headers, url: new URL(req.url), body: await readRawBody(req, getConfig().server.maxBodyBytes) };
}
