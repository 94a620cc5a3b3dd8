import { z } from 'zod';
import { describeZodIssue } from '../../errors-in-words';

/**
 * Parses `{type, …}` objects with the schema `pick` returns for their type (a fallback for types
 * without one keeps unknown stage and trigger types round-tripping). A plain union would bury a
 * known stage's field errors under "invalid union"; dispatching keeps their paths and words.
 */
export function dispatchByType<Out>(noun: string, pick: (type: string) => z.ZodType<Out>) {
  return z
    .looseObject({ type: z.string({ error: `every ${noun} needs a type` }) })
    .transform((raw, ctx): Out => {
      const result = pick(raw.type).safeParse(raw, { reportInput: true });
      if (result.success) return result.data;
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: 'custom', message: describeZodIssue(issue), path: issue.path, input: issue.input });
      }
      return z.NEVER;
    });
}
