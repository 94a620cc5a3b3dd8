import { z } from 'zod';
import type { FieldIssue } from '../errors';
import { issuesInWords, sentenceOf } from '../errors-in-words';
import { artifactSchema, triggerSchemas, type Artifact } from '../pipeline';
import { executionTrigger, isEnabled, secretOf, type TriggerVerdict } from './evaluate';
import { parseJsonPath, readPath } from './json-path';
import { fullMatch } from './regex';
import { checkSharedToken } from './secrets';

/** What a generic webhook (POST /api/webhooks/webhook/{source}) brings: Echo's WebhookEvent. */
export interface GenericWebhookEvent {
  payload: Record<string, unknown>;
  /** `parameters` from the body, as text (pipeline parameters are strings). */
  parameters: Record<string, string>;
  /** `artifacts` from the body. */
  artifacts: Artifact[];
}

const parameterValue = z.union([z.string(), z.number(), z.boolean(), z.null()], { error: 'must be text, a number or true/false' });
const bodySchema = z.looseObject({
  parameters: z.record(z.string(), parameterValue).nullish(),
  artifacts: z.array(artifactSchema).nullish(),
});

export function parseGenericWebhook(body: unknown): { event: GenericWebhookEvent } | { error: string; issues: FieldIssue[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { error: 'the request body must be a JSON object', issues: [{ path: '', message: 'must be a JSON object' }] };
  const parsed = bodySchema.safeParse(body, { reportInput: true });
  if (!parsed.success) {
    const issues = issuesInWords(parsed.error, bodySchema);
    return { error: sentenceOf(issues), issues };
  }
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.data.parameters ?? {})) if (value !== null) parameters[name] = String(value);
  return { event: { payload: body as Record<string, unknown>, parameters, artifacts: parsed.data.artifacts ?? [] } };
}

const quoted = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Each constraint key is a JSON path (a top-level key spelled exactly like it wins, for Echo's
 * top-level-only constraints) and each value a regex that must match the whole payload value; an
 * empty value only requires presence. The first failing constraint is the reason.
 */
export function checkPayloadConstraints(constraints: Record<string, string>, payload: Record<string, unknown>): { ok: true } | { ok: false; reason: string } {
  for (const [key, pattern] of Object.entries(constraints)) {
    let found = Object.hasOwn(payload, key) ? { found: true as const, value: payload[key] } : undefined;
    if (!found) {
      const path = parseJsonPath(key);
      if ('error' in path) return { ok: false, reason: `constraint ${path.error}` };
      const read = readPath(payload, path.segments);
      found = read.found ? read : undefined;
    }
    if (!found || found.value === null) return { ok: false, reason: `the payload has no ${key}` };
    if (pattern === '') continue;
    const text = asText(found.value);
    const result = fullMatch(pattern, text);
    if ('error' in result) return { ok: false, reason: `constraint ${key}: ${result.error}` };
    if (!result.matches) return { ok: false, reason: `${key} is ${quoted(text)}, which does not match ${pattern}` };
  }
  return { ok: true };
}

export const webhookTriggerSchema = triggerSchemas.webhook;
export type WebhookTrigger = z.output<typeof webhookTriggerSchema>;

export interface GenericWebhookContext {
  source: string;
  event: GenericWebhookEvent;
  token: string | null;
}

/**
 * One webhook trigger against a generic webhook (reference §2.4 webhook; Echo's WebhookEventHandler).
 * The token is checked first: the author's constraint patterns never run on an unauthenticated body.
 */
export function judgeWebhookTrigger(trigger: WebhookTrigger, { source, event, token }: GenericWebhookContext): TriggerVerdict {
  if (trigger.source !== source) return { kind: 'unrelated' };
  if (!isEnabled(trigger)) return { kind: 'ignored', reason: 'the trigger is not enabled' };
  const auth = checkSharedToken(token, secretOf(trigger));
  if (!auth.ok) return { kind: 'refused', reason: auth.reason };
  const constraints = checkPayloadConstraints(trigger.payloadConstraints ?? {}, event.payload);
  if (!constraints.ok) return { kind: 'ignored', reason: constraints.reason };
  return {
    kind: 'match',
    trigger: executionTrigger(trigger, { type: 'webhook', source, payload: event.payload, parameters: event.parameters, artifacts: event.artifacts }),
  };
}
