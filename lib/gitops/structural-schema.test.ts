import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toStructuralSchema, type StructuralSchema } from './structural-schema';

const convert = (schema: z.ZodType) => toStructuralSchema(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);

describe('toStructuralSchema', () => {
  it('keeps types, descriptions and closed objects closed', () => {
    const out = convert(z.object({ name: z.string().min(1).describe('The name'), count: z.number().int().min(0).max(10), on: z.boolean().optional() }));
    expect(out).toMatchObject({
      type: 'object',
      required: ['name', 'count'],
      properties: { name: { type: 'string', description: 'The name', minLength: 1 }, count: { type: 'integer', minimum: 0, maximum: 10 }, on: { type: 'boolean' } },
    });
    expect(out['x-kubernetes-preserve-unknown-fields']).toBeUndefined();
  });

  it('keeps unknown keys only where the model does (loose objects)', () => {
    const out = convert(z.looseObject({ inner: z.object({ a: z.string() }) }));
    expect(out['x-kubernetes-preserve-unknown-fields']).toBe(true);
    expect(out.properties?.inner?.['x-kubernetes-preserve-unknown-fields']).toBeUndefined();
  });

  it('writes X | null as nullable and integer | string as int-or-string', () => {
    const out = convert(z.object({ a: z.string().nullish(), b: z.union([z.number().int(), z.string()]) }));
    expect(out.properties?.a).toEqual({ type: 'string', nullable: true });
    expect(out.properties?.b).toEqual({ 'x-kubernetes-int-or-string': true });
  });

  it('keeps any value where the model mixes kinds (a number or an expression)', () => {
    const out = convert(z.object({ n: z.union([z.number(), z.string(), z.null()]) }));
    expect(out.properties?.n).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
  });

  it('merges object variants of a union into one object with every variant’s fields', () => {
    const a = z.object({ type: z.literal('wait'), waitTime: z.number() });
    const b = z.object({ type: z.literal('deploy'), manifests: z.array(z.record(z.string(), z.unknown())) });
    const out = convert(z.array(z.discriminatedUnion('type', [a, b])));
    expect(out.items).toMatchObject({
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string', enum: ['wait', 'deploy'] }, waitTime: { type: 'number' }, manifests: { type: 'array', items: { type: 'object' } } },
    });
  });

  it('writes records as additionalProperties and cuts recursion with any value', () => {
    const tree: z.ZodType = z.lazy(() => z.object({ label: z.string(), children: z.array(tree) }));
    const out = convert(z.object({ labels: z.record(z.string(), z.string()), tree }));
    expect(out.properties?.labels).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(JSON.stringify(out)).not.toContain('$ref');
    const children = out.properties?.tree?.properties?.children as StructuralSchema;
    expect(children.type).toBe('array');
  });
});
