import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTokenSchema } from './auth/token-schema';
import { ValidationError } from './errors';
import { issuesInWords, parseInput, sentenceOf } from './errors-in-words';
import { createPipelineBodySchema, importBodySchema } from './pipeline/api-schemas';

const jargon = /Invalid input|expected \w+, received|nonoptional|Unrecognized key|Invalid string|Too (small|big)/;

function refusal(schema: z.core.$ZodType, value: unknown): ValidationError {
  try {
    parseInput(schema, value);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('errors in plain words', () => {
  it('says what to send for a missing field, from the schema’s own description and example', () => {
    const err = refusal(createTokenSchema, { name: 'ci' });
    expect(err.status).toBe(422);
    expect(err.issues).toEqual([{ path: 'expiresInDays', message: 'is required: how many days the token is valid, a whole number from 1 to 3650, e.g. 90' }]);
    expect(err.message).toBe('expiresInDays is required: how many days the token is valid, a whole number from 1 to 3650, e.g. 90');
  });

  it('names the wrong type and the value received, never zod’s words', () => {
    const err = refusal(createTokenSchema, { name: 'ci', roles: 'release-managers', expiresInDays: 1.5 });
    expect(err.issues.map((i) => i.path)).toEqual(['roles', 'expiresInDays']);
    expect(err.issues[0]?.message).toBe('must be a list, not the text "release-managers": a list of role names you hold (left out: all your roles), e.g. ["release-managers"]');
    expect(err.issues[1]?.message).toMatch(/^must be a whole number: /);
    expect(err.message).not.toMatch(jargon);
  });

  it('turns unknown fields into one issue per field, listing the fields there are', () => {
    const err = refusal(createTokenSchema, { name: 'ci', role: ['x'], expiresInDays: 3 });
    expect(err.issues).toEqual([{ path: 'role', message: 'is not a field here; the fields are name, roles, expiresInDays' }]);
    expect(err.message).toBe('role is not a field here; the fields are name, roles, expiresInDays');
  });

  it('names the request body when the whole body has the wrong shape', () => {
    const err = refusal(createTokenSchema, [1, 2]);
    expect(err.issues[0]?.path).toBe('');
    expect(err.message).toMatch(/^the request body must be an object, not a list: a token: \{name, roles\?, expiresInDays\}, e\.g\. \{"name":"ci-deploy"/);
  });

  it('keeps the schema’s own messages and prefixes the field', () => {
    const err = refusal(createTokenSchema, { name: ' ', expiresInDays: 3 });
    expect(err.message).toMatch(/^name: give the token a name, e\.g\. "ci-deploy"; /);
  });

  it('reads "nonoptional" as required (import without its wrapper used to say so)', () => {
    const schema = z.strictObject({ input: z.unknown().meta({ description: 'the pipelines' }) });
    expect(refusal(schema, {}).message).toBe('input is required: the pipelines');
  });

  it('describes enums, formats and bounds plainly', () => {
    const schema = z.object({ kind: z.enum(['a', 'b']), email: z.email(), n: z.number().positive(), tags: z.array(z.string()).max(1) });
    const issues = issuesInWords(schema.safeParse({ kind: 'c', email: 'x', n: 0, tags: ['a', 'b'] }, { reportInput: true }).error ?? new z.ZodError([]), schema);
    expect(issues).toEqual([
      { path: 'kind', message: 'must be one of "a", "b"' },
      { path: 'email', message: 'is not an email address' },
      { path: 'n', message: 'must be more than 0' },
      { path: 'tags', message: 'must have at most 1 entries' },
    ]);
  });

  it('works on errors parsed without reportInput (a ZodError thrown by any parse)', () => {
    const schema = z.object({ limit: z.number() });
    const error = schema.safeParse({}).error ?? new z.ZodError([]);
    expect(sentenceOf(issuesInWords(error))).toBe('limit is required');
  });

  it('summarises many issues in one sentence', () => {
    const issues = [1, 2, 3, 4, 5].map((n) => ({ path: `f${n}`, message: 'is required' }));
    expect(sentenceOf(issues)).toBe('f1 is required; f2 is required; f3 is required (and 2 more)');
  });
});

describe('the obvious shapes the API accepts', () => {
  it('takes a bare pipeline JSON as the pipeline to create', () => {
    const bare = { name: 'Deploy', application: 'shop', stages: [] };
    expect(parseInput(createPipelineBodySchema, bare)).toEqual({ pipeline: bare });
    expect(parseInput(createPipelineBodySchema, { pipeline: bare })).toEqual({ pipeline: bare });
  });

  it('takes a bare Spinnaker export for an import, dry run unless the query says otherwise', () => {
    const list = [{ name: 'Deploy', stages: [] }];
    expect(parseInput(importBodySchema(undefined), list)).toEqual({ input: list, dryRun: true });
    expect(parseInput(importBodySchema(false), { name: 'Deploy', stages: [] })).toEqual({ input: { name: 'Deploy', stages: [] }, dryRun: false });
    expect(parseInput(importBodySchema(false), { input: list, dryRun: true })).toEqual({ input: list, dryRun: true });
  });

  it('takes a token without roles (the route gives it all the creator’s roles)', () => {
    expect(parseInput(createTokenSchema, { name: 'ci', expiresInDays: 30 })).toEqual({ name: 'ci', expiresInDays: 30 });
  });
});
