import { describe, expect, it } from 'vitest';
import { missingRequired, parseArtifacts, startParameters } from './start-parameters';

describe('startParameters', () => {
  it('turns parameterConfig into form fields with labels, defaults, options and pins', () => {
    const fields = startParameters([
      { name: 'env', label: 'Environment', required: true, hasOptions: true, options: [{ value: 'staging' }, { value: 'prod' }], default: 'staging', pinned: true },
      { name: 'replicas', description: 'How many', default: 3 },
      { label: 'nameless' },
      'junk',
    ]);
    expect(fields).toEqual([
      { name: 'env', label: 'Environment', description: undefined, defaultValue: 'staging', required: true, options: ['staging', 'prod'], pinned: true },
      { name: 'replicas', label: 'replicas', description: 'How many', defaultValue: '3', required: false, options: null, pinned: false },
    ]);
    expect(startParameters(undefined)).toEqual([]);
  });

  it('flags empty required fields only', () => {
    const fields = startParameters([{ name: 'env', required: true }, { name: 'note' }]);
    expect(missingRequired(fields, { env: '  ', note: '' })).toEqual({ env: 'env is required' });
    expect(missingRequired(fields, { env: 'prod' })).toEqual({});
  });
});

describe('parseArtifacts', () => {
  it('accepts nothing or a list of objects', () => {
    expect(parseArtifacts('  ')).toEqual({ ok: true, artifacts: [] });
    expect(parseArtifacts('[{"type":"docker/image","name":"a","reference":"a:1"}]')).toEqual({ ok: true, artifacts: [{ type: 'docker/image', name: 'a', reference: 'a:1' }] });
  });

  it('explains what is wrong', () => {
    expect(parseArtifacts('[{')).toMatchObject({ ok: false, error: expect.stringMatching(/^Not valid JSON/) });
    expect(parseArtifacts('{"type":"x"}')).toMatchObject({ ok: false, error: expect.stringMatching(/^Enter a JSON list/) });
    expect(parseArtifacts('[{"type":"x"}, 3]')).toEqual({ ok: false, error: 'Artifact 2 must be an object with type, name and reference' });
  });
});
