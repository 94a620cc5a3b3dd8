import { describe, expect, it } from 'vitest';
import { parsePipeline } from './parse';
import { stageCatalog, stageCategories } from './stage-catalog';
import { stageConfigSchemas, stageTypes } from './schema/stages';

describe('stageCatalog', () => {
  it('has an entry for every known stage type, in a known category', () => {
    expect(Object.keys(stageCatalog).sort()).toStrictEqual([...stageTypes].sort());
    for (const entry of Object.values(stageCatalog)) {
      expect(stageCategories).toContain(entry.category);
      expect(entry.label.length).toBeGreaterThan(0);
      expect(entry.description.endsWith('.')).toBe(true);
    }
  });

  for (const type of stageTypes) {
    it(`${type} defaults parse, and validation asks only for what is left blank`, () => {
      const defaults = stageCatalog[type].defaults();
      expect(defaults.type).toBe(type);
      expect(stageConfigSchemas[type].safeParse(defaults).success).toBe(true);
      expect(stageCatalog[type].defaults()).not.toBe(defaults); // fresh objects: the editor mutates them
      const { pipeline, issues } = parsePipeline({ application: 'a', name: 'p', stages: [{ refId: '1', name: 'New', ...defaults }] });
      expect(issues).toStrictEqual([]);
      expect(pipeline?.stages[0]?.type).toBe(type);
    });
  }
});
