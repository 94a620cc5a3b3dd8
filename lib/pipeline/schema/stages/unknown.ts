import { z } from 'zod';
import { commonStageFields } from '../common';
import { configKit } from '../fields';

/** The `type` of a stage Foresail has no schema for; kept so the JSON Schema can exclude known types. */
export const unknownStageTypeSchema = z.string({ error: 'every stage needs a type' }).min(1, 'every stage needs a type');

/**
 * A stage of a type Foresail does not run (a preconfigured webhook, `disableManifest`, a plugin):
 * stored as written so the pipeline round-trips; the engine fails it when it would run.
 */
export const unknownStageSchema = z.looseObject({ ...commonStageFields(configKit), type: unknownStageTypeSchema });
export type UnknownStage = z.infer<typeof unknownStageSchema>;
