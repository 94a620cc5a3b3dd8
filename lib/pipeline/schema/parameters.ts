import { z } from 'zod';
import { opt, plainKit, text } from './fields';

/** Parameter values are strings at run time; old exports hold numbers and booleans. */
const parameterValue = z.union([z.string(), z.number(), z.boolean()], { error: 'must be text' }).transform(String);

/** One entry of `parameterConfig`: a value supplied when the pipeline starts. */
export const parameterSchema = z.looseObject({
  name: text(),
  label: opt(z.string()),
  description: opt(z.string()),
  default: opt(parameterValue),
  required: plainKit.optionalBoolean(),
  hasOptions: plainKit.optionalBoolean(),
  options: opt(z.array(z.looseObject({ value: parameterValue }))),
  /** Shown on the execution row. */
  pinned: plainKit.optionalBoolean(),
  constraint: opt(z.string()),
  /** Show this parameter only when another parameter compares as given. */
  condition: opt(z.looseObject({ parameter: opt(z.string()), comparator: opt(z.string()), comparatorValue: opt(z.unknown()) })),
});
export type ParameterConfig = z.infer<typeof parameterSchema>;
