import { z } from 'zod';
import { dispatchByType } from './dispatch';
import { opt, plainKit, stringListSchema, text } from './fields';

const k = plainKit;

/** Fields every trigger may carry (reference §2.4). */
const base = {
  enabled: k.optionalBoolean(),
  /** Expected artifacts this trigger supplies (ids from the pipeline's expectedArtifacts). */
  expectedArtifactIds: opt(stringListSchema),
  runAsUser: opt(z.string()),
  description: opt(z.string()),
  id: opt(z.string()),
};

export const manualTriggerSchema = z.looseObject({ ...base, type: z.literal('manual') });

/** Push events from a git host. `branch` is a regex matching the whole branch name (empty: all). */
export const gitTriggerSchema = z.looseObject({
  ...base,
  type: z.literal('git'),
  source: opt(z.string()),
  project: opt(z.string()),
  slug: opt(z.string()),
  branch: opt(z.string()),
  secret: opt(z.string()),
  /** Without a secret, accept unsigned pushes (Spinnaker's default; Foresail refuses them unless this is true). */
  allowUnsigned: k.optionalBoolean(),
  events: opt(stringListSchema),
});

/** A new image tag in a registry. `tag` is a regex; without one every tag but `latest` fires. */
export const dockerTriggerSchema = z.looseObject({
  ...base,
  type: z.literal('docker'),
  account: opt(z.string()),
  registry: opt(z.string()),
  organization: opt(z.string()),
  repository: opt(z.string()),
  tag: opt(z.string()),
  /** Foresail: the token a Docker Hub webhook must present (X-Foresail-Token or ?token=). */
  secret: opt(z.string()),
});

export const pipelineTriggerStatuses = ['successful', 'failed', 'canceled'] as const;

/** Another pipeline's execution finishing with one of `status`. */
export const pipelineTriggerSchema = z.looseObject({
  ...base,
  type: z.literal('pipeline'),
  application: opt(z.string()),
  /** The upstream pipeline's config id. */
  pipeline: opt(z.string()),
  status: opt(stringListSchema),
});

/** A Quartz cron schedule (seconds first, `?` in day-of-month or day-of-week). */
export const cronTriggerSchema = z.looseObject({
  ...base,
  type: z.literal('cron'),
  cronExpression: text(),
  cronOption: opt(z.string()),
  cronExpressionInput: opt(z.string()),
});

/** POST /webhooks/webhook/{source}; each payloadConstraints value is a regex the JSON path must match. */
export const webhookTriggerSchema = z.looseObject({
  ...base,
  type: z.literal('webhook'),
  source: opt(z.string()),
  payloadConstraints: opt(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))),
  /** Foresail: the token the sender must present (X-Foresail-Token or ?token=). */
  secret: opt(z.string()),
});

export const unknownTriggerTypeSchema = z.string();
/** jenkins, pubsub, concourse, …: kept as written; Foresail does not fire them. */
export const unknownTriggerSchema = z.looseObject({ ...base, type: unknownTriggerTypeSchema });

export const triggerTypes = ['manual', 'git', 'docker', 'pipeline', 'cron', 'webhook'] as const;
export type KnownTriggerType = (typeof triggerTypes)[number];

export const triggerSchemas = {
  manual: manualTriggerSchema,
  git: gitTriggerSchema,
  docker: dockerTriggerSchema,
  pipeline: pipelineTriggerSchema,
  cron: cronTriggerSchema,
  webhook: webhookTriggerSchema,
} satisfies { [T in KnownTriggerType]: z.ZodType<{ type: T }> };
export type KnownTrigger = z.output<(typeof triggerSchemas)[KnownTriggerType]>;
export type UnknownTrigger = z.output<typeof unknownTriggerSchema>;
export type TriggerConfig = KnownTrigger | UnknownTrigger;

export function isKnownTriggerType(type: unknown): type is KnownTriggerType {
  return typeof type === 'string' && Object.hasOwn(triggerSchemas, type);
}

export const triggerSchema = dispatchByType<TriggerConfig>('trigger', (type) => (isKnownTriggerType(type) ? triggerSchemas[type] : unknownTriggerSchema));

export function isKnownTrigger<T extends { type: string }>(trigger: T): trigger is T & KnownTrigger {
  return isKnownTriggerType(trigger.type);
}
