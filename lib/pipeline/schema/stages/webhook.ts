import { z } from 'zod';
import { isFilled, requireText } from '../../checks/required';
import type { Report } from '../../issues';
import { expectedArtifactsField } from '../artifacts';
import { isExpression } from '../expression';
import { commonStageFields } from '../common';
import { configKit, opt, runKit, type FieldKit } from '../fields';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function fields<X>(k: FieldKit<X>) {
  const statusCodes = opt(z.array(k.number({ integer: true, min: 100, max: 599 })));
  return {
    ...commonStageFields(k),
    type: z.literal('webhook'),
    url: z.string(),
    method: k.optionalOneOf(METHODS, { ignoreCase: true }),
    /** JSON body; strings inside may be SpEL. */
    payload: opt(z.unknown()),
    /** Orca takes any JSON per header (a string, or a list for repeated headers). */
    customHeaders: opt(z.record(z.string(), z.unknown())),
    waitForCompletion: k.optionalBoolean(),
    statusUrlResolution: k.optionalOneOf(['getMethod', 'locationHeader', 'webhookResponse']),
    statusUrlJsonPath: opt(z.string()),
    statusJsonPath: opt(z.string()),
    progressJsonPath: opt(z.string()),
    /** Comma-separated status values read at statusJsonPath. */
    successStatuses: opt(z.string()),
    canceledStatuses: opt(z.string()),
    terminalStatuses: opt(z.string()),
    retryStatusCodes: statusCodes,
    failFastStatusCodes: statusCodes,
    /** Seconds before the first status poll, and between polls. */
    waitBeforeMonitor: k.optionalNumber({ min: 0 }),
    waitTime: k.optionalNumber({ min: 0 }),
    signalCancellation: k.optionalBoolean(),
    cancelEndpoint: opt(z.string()),
    cancelMethod: k.optionalOneOf(METHODS, { ignoreCase: true }),
    cancelPayload: opt(z.unknown()),
    expectedArtifacts: expectedArtifactsField(),
  };
}

/** Calls an HTTP endpoint, optionally polling a status URL until the remote work completes. */
export const webhookStageSchema = z.looseObject(fields(configKit));
export const webhookRunSchema = z.looseObject(fields(runKit));
export type WebhookStage = z.infer<typeof webhookStageSchema>;

function checkUrl(report: Report, path: string, url: string | undefined, missing: string): void {
  if (!requireText(report, [path], url, missing) || url === undefined || isExpression(url)) return;
  if (!/^https?:\/\//i.test(url.trim()) || !URL.canParse(url.trim())) report([path], 'must be an absolute http:// or https:// URL');
}

export function checkWebhook(stage: WebhookStage, report: Report): void {
  checkUrl(report, 'url', stage.url, 'needs the URL to call');
  if (stage.waitForCompletion === true) {
    const resolution = stage.statusUrlResolution;
    if (resolution === undefined) {
      report(['statusUrlResolution'], 'needs how to find the status URL (getMethod, locationHeader or webhookResponse) when waiting for completion');
    } else if (resolution === 'webhookResponse' && !isFilled(stage.statusUrlJsonPath)) {
      report(['statusUrlJsonPath'], 'needs the JSON path of the status URL in the response (statusUrlResolution is "webhookResponse")');
    }
    if (!isFilled(stage.statusJsonPath)) report(['statusJsonPath'], 'needs the JSON path of the status in the status response when waiting for completion');
    if (!isFilled(stage.successStatuses)) report(['successStatuses'], 'lists no success statuses, so the stage can only time out or fail', 'warning');
  }
  if (stage.signalCancellation === true) checkUrl(report, 'cancelEndpoint', stage.cancelEndpoint, 'needs the URL to call on cancellation (signalCancellation is on)');
}
