import { describe, expect, it } from 'vitest';
import { bindProducedArtifacts, builtImages } from './produced-artifacts';

const taskRun = (results: unknown) => ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'build-1' }, status: { conditions: [{ type: 'Succeeded', status: 'True' }], results } });
const digest = `sha256:${'ab'.repeat(32)}`;

describe('builtImages (Tekton type hints)', () => {
  it('turns IMAGE_URL + IMAGE_DIGEST results into a docker/image artifact', () => {
    expect(builtImages(taskRun([{ name: 'IMAGE_DIGEST', type: 'string', value: digest }, { name: 'IMAGE_URL', type: 'string', value: 'goldengoose:a1b2c3d' }]))).toEqual([
      { type: 'docker/image', name: 'goldengoose', reference: 'goldengoose:a1b2c3d', version: 'a1b2c3d', metadata: { digest } },
    ]);
  });
  it('reads prefixed hints, registry ports and images without a tag', () => {
    expect(builtImages(taskRun([{ name: 'APP_IMAGE_URL', value: 'registry.local:5000/team/app' }, { name: 'APP_IMAGE_DIGEST', value: digest }]))).toEqual([
      { type: 'docker/image', name: 'registry.local:5000/team/app', reference: 'registry.local:5000/team/app', version: digest, metadata: { digest } },
    ]);
  });
  it('nothing from a Job, other results, blanks or malformed status', () => {
    expect(builtImages({ kind: 'Job', status: { succeeded: 1 } })).toEqual([]);
    expect(builtImages(taskRun([{ name: 'COMMIT', value: 'abc' }, { name: 'IMAGE_URL', value: '  ' }, null, 7]))).toEqual([]);
    expect(builtImages(taskRun('oops'))).toEqual([]);
  });
});

describe('bindProducedArtifacts (Orca BindProducedArtifactsTask)', () => {
  const built = [{ type: 'docker/image', name: 'goldengoose', reference: 'goldengoose:a1b2c3d', version: 'a1b2c3d' }];
  const expected = { id: 'image', displayName: 'goldengoose image', matchArtifact: { type: 'docker/image', name: 'goldengoose' } };
  it('binds each declared artifact to what the stage emitted', () => {
    const result = bindProducedArtifacts([expected], built);
    expect(result).toEqual({ artifacts: built, resolvedExpectedArtifacts: [{ ...expected, boundArtifact: built[0] }] });
  });
  it('falls back to the default, and declares nothing when nothing is expected', () => {
    const fallback = { ...expected, matchArtifact: { type: 'docker/image', name: 'other' }, useDefaultArtifact: true, defaultArtifact: { type: 'docker/image', name: 'other', reference: 'other:1' } };
    expect(bindProducedArtifacts([fallback], built)).toMatchObject({ artifacts: [{ reference: 'other:1' }] });
    expect(bindProducedArtifacts([], built)).toEqual({ artifacts: [], resolvedExpectedArtifacts: [] });
  });
  it('an artifact the stage did not produce fails it, in words', () => {
    expect(bindProducedArtifacts([{ ...expected, matchArtifact: { type: 'docker/image', name: 'silvergoose' } }], built)).toEqual({
      error: 'The stage did not produce what it declares: unmatched expected artifact "image" (goldengoose image): no received artifact matches {type=docker/image, name=silvergoose}',
    });
  });
});
