import 'server-only';
import type { ExecutionRow, StageRow } from '../../db/engine/rows';
import { enqueue } from '../../db/engine/store';
import type { Tx } from '../../db/pool';
import { publicBaseUrl } from '../../config/base-url';
import { getConfig } from '../../env';
import { jobs } from '../jobs/names';
import { judgmentNotificationAddresses, judgmentNotificationBody, type JudgmentEvent } from './judgment-notifications';

/** Attempts per delivery; graphile-worker backs off exponentially between them (e^attempt seconds). */
export const NOTIFY_MAX_ATTEMPTS = 8;


/**
 * Queues one delivery job per webhook address for a judgment event, in the caller's transaction:
 * the notification exists if and only if the state change commits. The body is fixed now, so a
 * retry sends the same thing even if the stage moves on meanwhile.
 */
export async function enqueueJudgmentNotifications(tx: Tx, execution: ExecutionRow, stage: StageRow, event: JudgmentEvent, judgment: { judgedBy?: string; input?: string } = {}): Promise<void> {
  const addresses = judgmentNotificationAddresses(execution.config, stage.context, event);
  if (addresses.length === 0) return;
  const body = judgmentNotificationBody({ event, baseUrl: publicBaseUrl(getConfig().server), execution, stage, ...judgment });
  for (const [i, address] of addresses.entries()) {
    await enqueue(tx, jobs.notify, { executionId: execution.id, stageId: stage.id, address, body }, { jobKey: `notify:${stage.id}:${stage.attempt}:${event}:${i}`, maxAttempts: NOTIFY_MAX_ATTEMPTS });
  }
}
