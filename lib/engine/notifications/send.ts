import 'server-only';
import { z } from 'zod';
import { emitEvent } from '../../db/engine/store';
import { getPool } from '../../db/pool';
import { EgressRefusedError, egressFetch, webhookEgressPolicy } from '../../egress';
import { getLogger } from '../../log';
import { judgmentEvents } from './judgment-notifications';

export const notifyPayloadSchema = z.object({
  executionId: z.string().min(1),
  stageId: z.string().min(1),
  address: z.string().min(1),
  body: z.looseObject({ event: z.enum(judgmentEvents), application: z.string() }),
});
export type NotifyPayload = z.infer<typeof notifyPayloadSchema>;

type Outcome = { outcome: 'delivered'; status: number } | { outcome: 'refused' | 'rejected'; status?: number; reason: string };

/** Records what happened to a notification on the execution's event log (and in the worker log). */
async function record(payload: NotifyPayload, result: Outcome): Promise<void> {
  const { body } = payload;
  const level = result.outcome === 'delivered' ? 'info' : 'warn';
  getLogger()[level]({ executionId: payload.executionId, stageId: payload.stageId, event: body.event, address: payload.address, ...result }, 'judgment notification');
  await emitEvent(getPool(), { application: body.application, executionId: payload.executionId, stageId: payload.stageId, kind: 'notification', payload: { type: 'webhook', event: body.event, address: payload.address, ...result } });
}

/**
 * Sends one webhook notification through the egress policy (the same as webhook stages). A refused
 * destination is recorded and never retried or fetched; network errors, 429 and 5xx throw so
 * graphile-worker retries with backoff; other 4xx answers are final and recorded.
 */
export async function sendNotificationJob(payload: NotifyPayload, signal: AbortSignal): Promise<void> {
  let status: number;
  try {
    const response = await egressFetch(payload.address, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Foresail' }, body: JSON.stringify(payload.body), signal, maxResponseBytes: 64 * 1024 }, webhookEgressPolicy());
    status = response.status;
  } catch (err) {
    if (err instanceof EgressRefusedError) return record(payload, { outcome: 'refused', reason: err.message });
    throw err;
  }
  if (status === 429 || status >= 500) throw new Error(`${new URL(payload.address).host} answered ${status}; will retry`);
  if (status >= 400) return record(payload, { outcome: 'rejected', status, reason: `answered ${status}` });
  return record(payload, { outcome: 'delivered', status });
}
