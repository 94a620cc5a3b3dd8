import { z } from 'zod';
import { commonStageFields } from '../common';
import { configKit, opt, runKit, type FieldKit } from '../fields';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('wait'),
    /** Seconds; often SpEL (`${parameters.wait}`). A user may end the wait early. */
    waitTime: k.number({ integer: true, min: 0 }),
    skipWaitText: opt(z.string()),
  };
}

/** Waits a number of seconds. */
export const waitStageSchema = z.looseObject(fields(configKit));
export const waitRunSchema = z.looseObject(fields(runKit));
export type WaitStage = z.infer<typeof waitStageSchema>;
