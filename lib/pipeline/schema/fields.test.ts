import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodIssue } from '../../errors-in-words';
import { configKit, opt, plainKit, refIdSchema, runKit } from './fields';

function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const result = z.object({ field: schema }).safeParse({ field: value }, { reportInput: true });
  return result.success ? [] : result.error.issues.map(describeZodIssue);
}

describe('numbers written as strings', () => {
  const kits = { config: configKit, run: runKit, plain: plainKit };
  for (const [name, k] of Object.entries(kits)) {
    it(`${name} mode reads "5" as 5 and checks bounds`, () => {
      const field = k.number({ integer: true, min: 0, max: 10 });
      expect(field.parse('5')).toBe(5);
      expect(field.parse(' 7 ')).toBe(7);
      expect(field.parse(3)).toBe(3);
      expect(k.number().parse('1.5e2')).toBe(150);
      expect(issuesOf(field, '2.5')).toStrictEqual(['must be a whole number']);
      expect(issuesOf(field, '-1')).toStrictEqual(['must be at least 0']);
      expect(issuesOf(field, 11)).toStrictEqual(['must be at most 10']);
      expect(issuesOf(field, 'five')).toStrictEqual(['must be a whole number']);
      expect(issuesOf(field, true)).toStrictEqual(['must be a number']);
      expect(issuesOf(field, null)).toStrictEqual(['is required']);
      expect(issuesOf(field, '')).toStrictEqual(['is required']);
    });
  }

  it('optional numbers read null and "" as absent (Kayenta exports write "lookbackMins": "")', () => {
    const field = configKit.optionalNumber({ min: 0 });
    expect(field.parse(null)).toBeUndefined();
    expect(field.parse('')).toBeUndefined();
    expect(field.parse(undefined)).toBeUndefined();
    expect(field.parse('75')).toBe(75);
  });

  it('booleans may be "true"/"false"', () => {
    expect(runKit.boolean().parse('true')).toBe(true);
    expect(runKit.boolean().parse('FALSE')).toBe(false);
    expect(runKit.optionalBoolean().parse(null)).toBeUndefined();
    expect(issuesOf(runKit.boolean(), 'yes')).toStrictEqual(['must be true or false']);
    expect(issuesOf(runKit.boolean(), 1)).toStrictEqual(['must be true or false']);
  });

  it('enums list their choices and may ignore case', () => {
    expect(runKit.oneOf(['GET', 'POST'], { ignoreCase: true }).parse('post')).toBe('POST');
    expect(issuesOf(runKit.oneOf(['text', 'artifact']), 'TEXT')).toStrictEqual(['must be one of "text", "artifact"']);
  });
});

describe('expressions in typed fields', () => {
  it('config mode keeps a ${…} expression where a number, boolean or choice goes', () => {
    expect(configKit.number({ integer: true, min: 0 }).parse('${#toInt(parameters.n)}')).toBe('${#toInt(parameters.n)}');
    expect(configKit.boolean().parse('${parameters.deploy == "yes"}')).toBe('${parameters.deploy == "yes"}');
    expect(configKit.oneOf(['text', 'artifact']).parse('${parameters.source}')).toBe('${parameters.source}');
    expect(issuesOf(configKit.number(), '${parameters.n')).toStrictEqual(['has a ${ without a closing }']);
  });

  it('run mode refuses a leftover expression', () => {
    expect(issuesOf(runKit.number(), '${parameters.n}')).toStrictEqual([
      'still holds an unevaluated ${…} expression; it must evaluate to a value before the stage runs',
    ]);
    expect(issuesOf(runKit.optionalBoolean(), '${x}')).toHaveLength(1);
  });

  it('pipeline-level fields never take expressions', () => {
    expect(issuesOf(plainKit.optionalNumber(), '${x}')).toStrictEqual(['cannot hold a ${…} expression here (only stage fields are evaluated)']);
  });
});

describe('other messy values', () => {
  it('refIds may be numbers and are compared as strings', () => {
    expect(refIdSchema.parse(3)).toBe('3');
    expect(refIdSchema.parse('a')).toBe('a');
    expect(issuesOf(refIdSchema, true)).toStrictEqual(['must be text (a refId)']);
  });

  it('opt() reads null as absent', () => {
    expect(opt(z.string()).parse(null)).toBeUndefined();
    expect(opt(z.string()).parse('')).toBe('');
    expect(issuesOf(opt(z.string()), 3)).toStrictEqual(['must be text, not the number 3']);
  });
});
