import { describe, expect, it } from 'vitest';
import { pipelineJsonSchema } from './json-schema';
import { stageTypes } from './schema/stages';

interface Node {
  properties?: Record<string, Node>;
  anyOf?: Node[];
  items?: Node;
  required?: string[];
  title?: string;
  const?: unknown;
  not?: { enum?: unknown[] };
}

describe('pipelineJsonSchema', () => {
  const schema = pipelineJsonSchema() as Node & { $schema?: string };
  const stageItems = (schema.properties?.stages?.anyOf ?? []).find((n) => n.items)?.items;

  it('generates a 2020-12 schema of the pipeline config', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('Foresail pipeline');
    expect(schema.required).toStrictEqual(['application', 'name']);
    expect(JSON.parse(JSON.stringify(schema))).toStrictEqual(schema);
    expect(pipelineJsonSchema()).toBe(schema); // built once
  });

  it('describes every known stage type, titled for people, and allows other types', () => {
    const options = stageItems?.anyOf ?? [];
    const types = options.map((o) => o.properties?.type?.const);
    expect(types.slice(0, stageTypes.length)).toStrictEqual([...stageTypes]);
    expect(options.find((o) => o.properties?.type?.const === 'deployManifest')?.title).toBe('Deploy (Manifest)');
    const other = options[options.length - 1];
    expect(other?.title).toBe('Other stage type');
    expect(other?.properties?.type?.not?.enum).toStrictEqual([...stageTypes]);
  });

  it('says which fields accept numbers as strings or expressions', () => {
    const wait = stageItems?.anyOf?.find((o) => o.properties?.type?.const === 'wait');
    expect(wait?.properties?.waitTime).toMatchObject({ type: ['number', 'string', 'null'], description: 'whole number (at least 0); may be a ${…} expression' });
    expect(wait?.required).toStrictEqual(['type', 'waitTime']);
  });
});
