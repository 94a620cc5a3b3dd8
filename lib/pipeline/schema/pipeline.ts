import { z } from 'zod';
import { missingRefIdMessage, normalizeStages } from '../normalize';
import { expectedArtifactSchema } from './artifacts';
import { notificationSchema } from './common';
import { dispatchByType } from './dispatch';
import { objectSchema, opt, plainKit, stringListSchema, text } from './fields';
import { parameterSchema } from './parameters';
import { isKnownStageType, stageConfigSchemas, type KnownStageConfig } from './stages';
import { upgradeLegacyStage } from './stages/legacy-shapes';
import { unknownStageSchema, type UnknownStage } from './stages/unknown';
import { triggerSchema } from './triggers';

const k = plainKit;
const textOrNumber = z.union([z.string(), z.number()], { error: 'must be text' }).transform(String);

export const stageConfigSchema = dispatchByType<KnownStageConfig | UnknownStage>(
  'stage',
  (type) => (isKnownStageType(type) ? stageConfigSchemas[type] : unknownStageSchema),
  upgradeLegacyStage,
);

/** Stages in order, with the DAG normalised (string refIds; linear when no stage has a refId). */
export function stagesSchema<S extends { refId?: string; requisiteStageRefIds?: string[] }>(stage: z.ZodType<S>) {
  return z
    .array(stage)
    .nullish()
    .transform((stages, ctx) =>
      normalizeStages(stages ?? [], (i) => ctx.addIssue({ code: 'custom', message: missingRefIdMessage, path: [i, 'refId'], input: undefined })),
    );
}

/** Every pipeline-level field of reference §2.1. Unknown keys are kept; so are the legacy ones. */
export function pipelineFields<S extends { refId?: string; requisiteStageRefIds?: string[] }, T>(stage: z.ZodType<S>, trigger: z.ZodType<T>) {
  return {
    application: text(),
    name: text(),
    /** UUID; assigned on first save when absent. */
    id: opt(z.string()),
    /** Sort order in the application's list. */
    index: k.optionalNumber({ integer: true, min: 0 }),
    description: opt(z.string()),
    tags: opt(z.array(z.looseObject({ name: text(), value: opt(textOrNumber) }))),
    /** "templatedPipeline" for managed templates. */
    type: opt(z.string()),
    schema: opt(textOrNumber),
    strategy: k.optionalBoolean(),
    source: opt(objectSchema),
    stages: stagesSchema(stage),
    triggers: z
      .array(trigger)
      .nullish()
      .transform((triggers) => triggers ?? []),
    parameterConfig: opt(z.array(parameterSchema)),
    expectedArtifacts: opt(z.array(expectedArtifactSchema)),
    notifications: opt(z.array(notificationSchema)),
    /** Only one execution runs at a time; the rest wait (Deck's default: true). */
    limitConcurrent: k.optionalBoolean().transform((value) => value ?? true),
    /** With limitConcurrent: false keeps only the newest waiting execution. */
    keepWaitingPipelines: k.optionalBoolean(),
    /** Used when limitConcurrent is false; 0 means no limit. */
    maxConcurrentExecutions: k.optionalNumber({ integer: true, min: 0 }),
    disabled: k.optionalBoolean(),
    locked: opt(z.looseObject({ ui: k.optionalBoolean(), allowUnlockUi: k.optionalBoolean(), description: opt(z.string()) })),
    lastModifiedBy: opt(z.string()),
    /** Epoch milliseconds; exports write it as a string, so it is kept as one. */
    updateTs: opt(textOrNumber),
    spelEvaluator: opt(z.string()),
    roles: opt(stringListSchema),
    manualStartAlert: opt(z.looseObject({ type: opt(z.string()), message: opt(z.string()) })),
    respectQuietPeriod: k.optionalBoolean(),
    templateVariables: opt(objectSchema),
    /** Legacy keys from old exports: kept, never used. */
    appConfig: opt(objectSchema),
    executionEngine: opt(z.string()),
    parallel: k.optionalBoolean(),
  };
}

/** A pipeline config as saved and edited (expressions allowed in stage fields), DAG normalised. */
export const pipelineConfigSchema = z.looseObject(pipelineFields(stageConfigSchema, triggerSchema));
export type PipelineConfig = z.output<typeof pipelineConfigSchema>;
export type PipelineConfigInput = z.input<typeof pipelineConfigSchema>;
export type StageConfig = PipelineConfig['stages'][number];
