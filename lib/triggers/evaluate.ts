import type { z } from 'zod';

/**
 * The shared shape of "which pipelines does this event start, and why not the others". Each event
 * kind supplies a per-trigger verdict; this file turns verdicts into one decision per pipeline,
 * keeping every near miss so the trigger-attempt log can say why nothing started.
 */

/** A pipeline as trigger matching sees it (from lib/db/trigger-pipelines). */
export interface TriggerPipeline {
  id: string;
  application: string;
  name: string;
  disabled: boolean;
  /** The saved config's `triggers` array, unparsed. */
  triggers: readonly unknown[];
}

export type TriggerVerdict =
  /** The trigger watches something else (another repository, source, type): not worth recording. */
  | { kind: 'unrelated' }
  /** Watches this, but the event does not qualify (branch, tag, constraint, disabled trigger). */
  | { kind: 'ignored'; reason: string }
  /** Would qualify, but the sender is not authenticated for it (signature, token). */
  | { kind: 'refused'; reason: string }
  /** Start with this execution trigger. */
  | { kind: 'match'; trigger: Record<string, unknown> };

export type PipelineDecision =
  | { kind: 'start'; pipeline: TriggerPipeline; triggerIndex: number; trigger: Record<string, unknown> }
  | { kind: 'ignored' | 'refused'; pipeline: TriggerPipeline; reason: string };

export interface IndexedTrigger<T> {
  index: number;
  trigger: T;
}

/** The triggers of one type that parse with its schema (saved pipelines were validated; a stray bad one is skipped). */
export function typedTriggers<S extends z.ZodType>(raw: readonly unknown[], type: string, schema: S): IndexedTrigger<z.output<S>>[] {
  const out: IndexedTrigger<z.output<S>>[] = [];
  raw.forEach((candidate, index) => {
    if (typeof candidate !== 'object' || candidate === null || (candidate as { type?: unknown }).type !== type) return;
    const parsed = schema.safeParse(candidate);
    if (parsed.success) out.push({ index, trigger: parsed.data });
  });
  return out;
}

/** Echo fires only triggers saved with `enabled: true` (its Trigger.enabled is a primitive defaulting to false). */
export const isEnabled = (trigger: { enabled?: boolean }): boolean => trigger.enabled === true;

/** A trigger's `secret` (a Foresail extension for docker and webhook triggers; Spinnaker's for git). */
export function secretOf(trigger: object): string | undefined {
  const secret = (trigger as { secret?: unknown }).secret;
  return typeof secret === 'string' && secret !== '' ? secret : undefined;
}

/** The trigger config as the execution records it, plus event fields; the secret never leaves the config. */
export function executionTrigger(config: object, event: Record<string, unknown>): Record<string, unknown> {
  const { secret: _secret, ...rest } = config as Record<string, unknown>;
  return { ...rest, ...event };
}

/**
 * Like Echo, the first matching trigger of a pipeline starts it (one execution per event per
 * pipeline). Without a match, refusals outrank near misses, and all their reasons are kept.
 */
export function decide<T>(pipelines: readonly TriggerPipeline[], triggersOf: (pipeline: TriggerPipeline) => IndexedTrigger<T>[], judge: (trigger: T) => TriggerVerdict): PipelineDecision[] {
  const decisions: PipelineDecision[] = [];
  for (const pipeline of pipelines) {
    const refused: string[] = [];
    const ignored: string[] = [];
    let started: PipelineDecision | undefined;
    for (const { index, trigger } of triggersOf(pipeline)) {
      const verdict = judge(trigger);
      if (verdict.kind === 'match') {
        started = pipeline.disabled
          ? { kind: 'ignored', pipeline, reason: `pipeline "${pipeline.name}" is disabled` }
          : { kind: 'start', pipeline, triggerIndex: index, trigger: verdict.trigger };
        break;
      }
      if (verdict.kind === 'refused') refused.push(label(index, verdict.reason));
      if (verdict.kind === 'ignored') ignored.push(label(index, verdict.reason));
    }
    if (started) decisions.push(started);
    else if (refused.length) decisions.push({ kind: 'refused', pipeline, reason: [...refused, ...ignored].join('; ') });
    else if (ignored.length) decisions.push({ kind: 'ignored', pipeline, reason: ignored.join('; ') });
  }
  return decisions;
}

const label = (index: number, reason: string) => `trigger ${index + 1}: ${reason}`;
