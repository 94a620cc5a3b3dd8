import { z } from 'zod';
import { stageCatalog } from './stage-catalog';
import { pipelineFields } from './schema/pipeline';
import { stageConfigSchemas, stageTypes } from './schema/stages';
import { unknownStageSchema, unknownStageTypeSchema } from './schema/stages/unknown';
import { triggerSchemas, triggerTypes, unknownTriggerSchema, unknownTriggerTypeSchema } from './schema/triggers';

let cached: Record<string, unknown> | undefined;

/**
 * The JSON Schema (2020-12) of what may be sent as a pipeline: the parsing schemas dispatch stages by
 * type in code, so this documents them as a union, each titled from the stage catalog. Unknown types
 * are allowed (`type` is any other string) because they are stored as written.
 */
export function pipelineJsonSchema(): Record<string, unknown> {
  if (cached) return cached;
  const stages = stageTypes.map((type) => stageConfigSchemas[type].meta({ title: stageCatalog[type].label, description: stageCatalog[type].description }));
  const stage = z.union([...stages, unknownStageSchema.meta({ title: 'Other stage type', description: 'Kept as written; fails when the pipeline reaches it.' })]);
  const triggers = triggerTypes.map((type) => triggerSchemas[type].meta({ title: `${type} trigger` }));
  const trigger = z.union([...triggers, unknownTriggerSchema.meta({ title: 'Other trigger type', description: 'Kept as written; Foresail does not fire it.' })]);
  const pipeline = z.looseObject(pipelineFields(stage, trigger)).meta({
    title: 'Foresail pipeline',
    description: "A Spinnaker-compatible pipeline config. Stage fields that take numbers, booleans or choices may also hold a ${…} expression.",
  });
  cached = z.toJSONSchema(pipeline, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema === unknownStageTypeSchema) ctx.jsonSchema.not = { enum: [...stageTypes] };
      if (ctx.zodSchema === unknownTriggerTypeSchema) ctx.jsonSchema.not = { enum: [...triggerTypes] };
    },
  });
  return cached;
}
