import { describe, expect, it } from 'vitest';
import { parseAnyText, parseConfigText, rangeOfPath, serialize } from './text-document';

const config = { name: 'p', stages: [{ refId: '1', type: 'wait', waitTime: 5 }, { refId: '2', type: 'wait', requisiteStageRefIds: ['9'] }] };

describe('text mode documents', () => {
  it('round-trips JSON and YAML', () => {
    for (const format of ['json', 'yaml'] as const) expect(parseConfigText(serialize(config, format), format).value).toEqual(config);
  });

  it('reports JSON syntax errors with line and column', () => {
    const text = '{\n  "name": "p",\n  "stages": [}\n}';
    const { problem } = parseConfigText(text, 'json');
    expect(problem).toMatchObject({ line: 3, column: 14 });
    expect(problem?.message).toBe("Unexpected token '}'");
    expect(parseConfigText('{"a": 1', 'json').problem).toMatchObject({ message: "Expected ',' or '}' after property value", line: 1, column: 8 });
  });

  it('reports YAML syntax errors with line and column', () => {
    const { problem } = parseConfigText('name: p\nstages:\n  - refId: "1\n', 'yaml');
    expect(problem?.line).toBeGreaterThanOrEqual(3);
  });

  it('refuses a config that is not an object', () => {
    expect(parseConfigText('[1, 2]', 'json').problem?.message).toMatch(/must be an object/);
    expect(parseConfigText('{"a": 1,}', 'json').problem).toBeDefined();
  });

  it('maps a validation path to the text of its key and value', () => {
    for (const format of ['json', 'yaml'] as const) {
      const text = serialize(config, format);
      const range = rangeOfPath(text, ['stages', 1, 'requisiteStageRefIds', 0]);
      expect(text.slice(range?.start, range?.end)).toBe('"9"');
      const wait = rangeOfPath(text, ['stages', 0, 'waitTime']);
      expect(text.slice(wait?.start, wait?.end)).toMatch(/waitTime"?: 5/);
      // A missing field selects the nearest thing that exists: its stage.
      const missing = rangeOfPath(text, ['stages', 1, 'account']);
      expect(text.slice(missing?.start, missing?.end)).toContain('requisiteStageRefIds');
    }
  });

  it('reads JSON or YAML for imports', () => {
    expect(parseAnyText('[{"name": "a"}]').value).toEqual([{ name: 'a' }]);
    expect(parseAnyText('- name: a\n').value).toEqual([{ name: 'a' }]);
  });
});
