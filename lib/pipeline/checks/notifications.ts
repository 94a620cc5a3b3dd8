import type { Report } from '../issues';
import type { PipelineConfig } from '../schema/pipeline';

/** Manual judgment events: pipeline-level notifications may listen for them too. */
export const JUDGMENT_NOTIFICATION_EVENTS = ['manualJudgment', 'manualJudgmentContinue', 'manualJudgmentStop'] as const;

/**
 * Foresail delivers webhook notifications only; email, slack, … entries are kept (a Spinnaker
 * pipeline round-trips) but never sent. One warning for the whole pipeline, at the first such entry,
 * rather than one per entry: the fact is about Foresail, not about each entry.
 */
export function checkNotificationDelivery(pipeline: PipelineConfig, report: Report): void {
  const entries = [
    ...(pipeline.notifications ?? []).map((n, i) => ({ type: n.type, path: ['notifications', i, 'type'] })),
    ...pipeline.stages.flatMap((stage, s) => (stage.notifications ?? []).map((n, i) => ({ type: n.type, path: ['stages', s, 'notifications', i, 'type'] }))),
  ];
  const undelivered = entries.filter((e) => e.type !== 'webhook');
  const first = undelivered[0];
  if (!first) return;
  const types = [...new Set(undelivered.map((e) => `"${e.type}"`))].join(', ');
  report(first.path, `Foresail sends only webhook notifications; ${types} ${undelivered.length === 1 ? 'is' : 'are'} kept in the pipeline but not sent`, 'warning');
}
