/**
 * Which notifications a manual judgment event sends, and what they say. Pure: the engine calls it
 * in the transaction that changes the stage and queues one delivery job per address.
 */

export const judgmentEvents = ['manualJudgment', 'manualJudgmentContinue', 'manualJudgmentStop'] as const;
export type JudgmentEvent = (typeof judgmentEvents)[number];

/** The only notification type Foresail delivers; email, slack, … entries are kept but not sent. */
export const deliveredNotificationType = 'webhook';

export interface JudgmentNotificationBody {
  event: JudgmentEvent;
  application: string;
  pipeline: string;
  executionId: string;
  stage: { id: string; name: string };
  judgedBy?: string;
  input?: string;
  /** The execution's page in Foresail. */
  url: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `notifications` entries of a pipeline config or stage context that are webhooks firing on `event`. */
function webhookAddresses(notifications: unknown, event: JudgmentEvent): string[] {
  if (!Array.isArray(notifications)) return [];
  return notifications
    .filter(isRecord)
    .filter((n) => n.type === deliveredNotificationType && typeof n.address === 'string' && n.address.trim() !== '')
    .filter((n) => Array.isArray(n.when) && n.when.includes(event))
    .map((n) => String(n.address).trim());
}

/**
 * Addresses to call for a judgment event: the pipeline's notifications and the stage's own (unless
 * the stage turned them off with Deck's `sendNotifications: false`), each address once.
 */
export function judgmentNotificationAddresses(pipelineConfig: Record<string, unknown>, stageContext: Record<string, unknown>, event: JudgmentEvent): string[] {
  const stageLevel = stageContext.sendNotifications === false ? [] : webhookAddresses(stageContext.notifications, event);
  return [...new Set([...webhookAddresses(pipelineConfig.notifications, event), ...stageLevel])];
}

export function judgmentNotificationBody(input: {
  event: JudgmentEvent;
  baseUrl: string;
  execution: { id: string; application: string; pipelineName: string };
  stage: { id: string; name: string };
  judgedBy?: string;
  input?: string;
}): JudgmentNotificationBody {
  const base = input.baseUrl.replace(/\/+$/, '');
  const { execution } = input;
  return {
    event: input.event,
    application: execution.application,
    pipeline: execution.pipelineName,
    executionId: execution.id,
    stage: { id: input.stage.id, name: input.stage.name },
    ...(input.judgedBy ? { judgedBy: input.judgedBy } : {}),
    ...(input.input ? { input: input.input } : {}),
    url: `${base}/applications/${encodeURIComponent(execution.application)}/executions/${encodeURIComponent(execution.id)}`,
  };
}
