import type { Report } from '../issues';
import { isExpression } from '../schema/expression';
import type { PipelineConfig } from '../schema/pipeline';
import { JUDGMENT_NOTIFICATION_EVENTS } from './notifications';
import { requireText } from './required';

const PIPELINE_EVENTS = new Set<string>(['pipeline.starting', 'pipeline.complete', 'pipeline.failed', ...JUDGMENT_NOTIFICATION_EVENTS]);

/** Identity, concurrency settings that contradict each other, and notification events. */
export function checkPipelineFields(pipeline: PipelineConfig, report: Report): void {
  requireText(report, ['application'], pipeline.application, 'every pipeline belongs to an application');
  requireText(report, ['name'], pipeline.name, 'every pipeline needs a name');
  if (pipeline.limitConcurrent && (pipeline.maxConcurrentExecutions ?? 0) > 0) {
    report(['maxConcurrentExecutions'], 'is only used when limitConcurrent is false', 'warning');
  }
  if (!pipeline.limitConcurrent && pipeline.keepWaitingPipelines !== undefined) {
    report(['keepWaitingPipelines'], 'is only used when limitConcurrent is true', 'warning');
  }
  pipeline.notifications?.forEach((notification, i) =>
    notification.when?.forEach((event, j) => {
      if (!PIPELINE_EVENTS.has(event) && !isExpression(event)) {
        report(['notifications', i, 'when', j], `"${event}" is not a pipeline notification event (pipeline.starting, pipeline.complete, pipeline.failed, manualJudgment, manualJudgmentContinue, manualJudgmentStop)`, 'warning');
      }
    }),
  );
}
