import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { triggerSchemas } from '../../pipeline';
import { isEnabled, typedTriggers, type TriggerPipeline } from '../evaluate';

export type CronTrigger = z.output<typeof triggerSchemas.cron>;

/**
 * Echo's cron scheduler runs in one configured zone; Foresail lets a trigger carry its own
 * `timeZone` (an IANA name, a Foresail extension kept by the loose trigger schema) and uses UTC
 * otherwise.
 */
export const DEFAULT_CRON_TIME_ZONE = 'UTC';

export interface ScheduledCronTrigger {
  /** The trigger's `id` when it has one (Deck assigns a UUID), else a hash of position and expression. */
  triggerKey: string;
  index: number;
  trigger: CronTrigger;
  expression: string;
  timeZone: string;
}

export function cronTriggerKey(trigger: { id?: string; cronExpression: string }, index: number): string {
  const id = trigger.id?.trim();
  if (id) return id;
  return `h${createHash('sha256').update(`${index}:${trigger.cronExpression.trim()}`).digest('hex').slice(0, 16)}`;
}

/** graphile-worker job key of a trigger's pending fire: at most one per trigger, whatever the number of workers. */
export const cronJobKey = (pipelineId: string, triggerKey: string): string => `cron:${pipelineId}:${triggerKey}`;

function timeZoneOf(trigger: CronTrigger): string {
  const zone = (trigger as { timeZone?: unknown }).timeZone;
  return typeof zone === 'string' && zone.trim() !== '' ? zone.trim() : DEFAULT_CRON_TIME_ZONE;
}

/** The enabled cron triggers of a pipeline (the pipeline's own `disabled` is the caller's business). */
export function enabledCronTriggers(pipeline: TriggerPipeline): ScheduledCronTrigger[] {
  return typedTriggers(pipeline.triggers, 'cron', triggerSchemas.cron)
    .filter(({ trigger }) => isEnabled(trigger))
    .map(({ index, trigger }) => ({ triggerKey: cronTriggerKey(trigger, index), index, trigger, expression: trigger.cronExpression, timeZone: timeZoneOf(trigger) }));
}
