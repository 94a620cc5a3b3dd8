import { z } from 'zod';
import { opt, refIdSchema, stringListSchema, text, objectSchema, type FieldKit } from './fields';

/** A notification entry (pipeline- or stage-level): email, slack, … with the events it fires on. */
export const notificationSchema = z.looseObject({
  type: text(),
  address: opt(z.string()),
  level: opt(z.string()),
  when: opt(stringListSchema),
  message: opt(objectSchema),
});

/** `stageEnabled`: run the stage only when the expression is true (written with or without `${}`). */
export const stageEnabledSchema = z.looseObject({
  type: opt(z.literal('expression')),
  expression: z.union([z.string(), z.boolean()], { error: 'must be an expression' }).transform(String),
});

function executionWindowSchema<X>(k: FieldKit<X>) {
  return z.looseObject({
    whitelist: opt(
      z.array(
        z.looseObject({
          startHour: k.number({ integer: true, min: 0, max: 23 }),
          startMin: k.number({ integer: true, min: 0, max: 59 }),
          endHour: k.number({ integer: true, min: 0, max: 23 }),
          endMin: k.number({ integer: true, min: 0, max: 59 }),
        }),
      ),
    ),
    days: opt(z.array(k.number({ integer: true, min: 1, max: 7 }))),
    jitter: opt(
      z.looseObject({
        enabled: k.optionalBoolean(),
        minDelay: k.optionalNumber({ min: 0 }),
        maxDelay: k.optionalNumber({ min: 0 }),
        skipManual: k.optionalBoolean(),
      }),
    ),
  });
}

/**
 * Fields every stage may carry (reference §2.2). Orca's defaults when absent: failPipeline true,
 * continuePipeline false, completeOtherBranchesThenFail false. They are not written in, so saved
 * pipelines stay as their authors wrote them.
 */
export function commonStageFields<X>(k: FieldKit<X>) {
  return {
    refId: opt(refIdSchema),
    requisiteStageRefIds: opt(z.array(refIdSchema)),
    name: opt(z.string()),
    failPipeline: k.optionalBoolean(),
    continuePipeline: k.optionalBoolean(),
    completeOtherBranchesThenFail: k.optionalBoolean(),
    stageEnabled: opt(stageEnabledSchema),
    restrictExecutionDuringTimeWindow: k.optionalBoolean(),
    restrictedExecutionWindow: opt(executionWindowSchema(k)),
    skipWindowText: opt(z.string()),
    overrideTimeout: k.optionalBoolean(),
    stageTimeoutMs: k.optionalNumber({ integer: true, min: 0 }),
    failOnFailedExpressions: k.optionalBoolean(),
    sendNotifications: k.optionalBoolean(),
    notifications: opt(z.array(notificationSchema)),
    comments: opt(z.string()),
    skipExpressionEvaluation: k.optionalBoolean(),
  };
}

/** Kubernetes object written inline in a stage (only its identity is checked; the cluster validates the rest). */
export const manifestSchema = objectSchema;
