import { describe, expect, it } from 'vitest';
import type { Artifact, ExpectedArtifact } from './schema/artifacts';
import { artifactMatches, describeUnmatched, dockerImageArtifact, resolveExpectedArtifacts } from './artifact-binding';

const image = (tag: string, repo = 'acme/web'): Artifact => dockerImageArtifact('index.docker.io', repo, tag);
const expectImage: ExpectedArtifact = { id: 'img', displayName: 'Web image', matchArtifact: { type: 'docker/image', name: 'index.docker.io/acme/web' } };
const resolve = (input: Partial<Parameters<typeof resolveExpectedArtifacts>[0]>) =>
  resolveExpectedArtifacts({ expected: [], received: [], prior: [], triggerExpectedIds: [], ...input });

describe('dockerImageArtifact', () => {
  it('names the image with its registry, references it with its tag', () => {
    expect(dockerImageArtifact('index.docker.io', 'acme/web', 'v1.2.3')).toEqual({
      type: 'docker/image',
      name: 'index.docker.io/acme/web',
      reference: 'index.docker.io/acme/web:v1.2.3',
      version: 'v1.2.3',
    });
  });
});

describe('artifactMatches: each non-empty matchArtifact field is a whole-value regex', () => {
  it.each([
    [{ type: 'docker/image' }, image('1'), true],
    [{ type: 'docker/.*' }, image('1'), true],
    [{ type: 'docker' }, image('1'), false], // must match the whole type, not a part
    [{ name: 'acme/web' }, image('1'), false], // the name carries the registry
    [{ name: '.*/acme/web' }, image('1'), true],
    [{ version: 'v\\d+' }, image('v12'), true],
    [{ version: 'v\\d+' }, image('v12-rc'), false],
    [{ reference: 'index.docker.io/acme/web:1|2' }, image('12'), false], // alternation stays anchored ("2$" alone would match)
    [{ reference: 'index.docker.io/acme/web:(1|2)' }, image('2'), true],
    [{ type: '', name: '' }, image('1'), true], // empty fields match anything
    [{ location: 'us-.*' }, image('1'), false], // the artifact has no location
    [{ artifactAccount: 'nope', type: 'docker/image' }, image('1'), true], // artifactAccount is not compared (kork)
  ] as const)('%j vs %j → %s', (match, artifact, expected) => {
    expect(artifactMatches(match, artifact)).toBe(expected);
  });

  it('reports an invalid pattern instead of matching', () => {
    expect(artifactMatches({ name: '(' }, image('1'))).toMatch(/^matchArtifact\.name: "\(" is not a valid regular expression/);
  });
});

describe('resolveExpectedArtifacts (reference §2.5)', () => {
  it('binds the unique received artifact for an id the trigger lists', () => {
    const received = [image('1.0'), { type: 'github/file', name: 'deploy.yaml', reference: 'https://api.github.com/x' }];
    const result = resolve({ expected: [expectImage], received, triggerExpectedIds: ['img'] });
    expect(result.unmatched).toEqual([]);
    expect(result.resolved).toEqual([
      { id: 'img', displayName: 'Web image', from: 'received', boundArtifact: image('1.0'), expectedArtifact: { ...expectImage, boundArtifact: image('1.0') } },
    ]);
    expect(result.artifacts).toEqual(received);
  });

  it('considers only listed ids plus those with useDefaultArtifact or usePriorArtifact', () => {
    const other: ExpectedArtifact = { id: 'chart', matchArtifact: { type: 'helm/chart' } };
    const defaulted: ExpectedArtifact = { id: 'cfg', matchArtifact: { type: 'github/file' }, useDefaultArtifact: true, defaultArtifact: { type: 'github/file', name: 'default.yaml' } };
    const result = resolve({ expected: [expectImage, other, defaulted], received: [image('2')], triggerExpectedIds: ['img'] });
    expect(result.resolved.map((r) => [r.id, r.from])).toEqual([
      ['img', 'received'],
      ['cfg', 'default'],
    ]);
    expect(result.unmatched).toEqual([]);
    expect(result.artifacts).toEqual([image('2'), { type: 'github/file', name: 'default.yaml' }]);
  });

  it('falls back to the prior execution, then to the default, in that order', () => {
    const both: ExpectedArtifact = { ...expectImage, usePriorArtifact: true, useDefaultArtifact: true, defaultArtifact: image('default') };
    expect(resolve({ expected: [both], prior: [image('prior')] }).resolved[0]).toMatchObject({ from: 'prior', boundArtifact: image('prior') });
    expect(resolve({ expected: [both], prior: [image('p', 'other/app')] }).resolved[0]).toMatchObject({ from: 'default', boundArtifact: image('default') });
    // A received match wins over both.
    expect(resolve({ expected: [both], received: [image('new')], prior: [image('prior')] }).resolved[0]).toMatchObject({ from: 'received', boundArtifact: image('new') });
    // usePriorExecution is the legacy spelling.
    const legacy: ExpectedArtifact = { ...expectImage, usePriorExecution: true };
    expect(resolve({ expected: [legacy], prior: [image('prior')] }).resolved[0]).toMatchObject({ from: 'prior' });
  });

  it('leaves an artifact unmatched, with the reason, when nothing fits', () => {
    const result = resolve({ expected: [expectImage], received: [image('1', 'acme/api')], triggerExpectedIds: ['img'] });
    expect(result.resolved).toEqual([]);
    expect(result.unmatched).toEqual([{ id: 'img', displayName: 'Web image', reason: 'no received artifact matches {type=docker/image, name=index.docker.io/acme/web}' }]);
    expect(describeUnmatched(result.unmatched)).toBe(
      'unmatched expected artifact "img" (Web image): no received artifact matches {type=docker/image, name=index.docker.io/acme/web}',
    );
  });

  it('explains which fallbacks were tried', () => {
    const prior: ExpectedArtifact = { ...expectImage, usePriorArtifact: true, useDefaultArtifact: true };
    expect(resolve({ expected: [prior] }).unmatched[0]?.reason).toBe(
      'no received artifact matches {type=docker/image, name=index.docker.io/acme/web}; there is no prior execution artifact; useDefaultArtifact is on but no defaultArtifact is set',
    );
  });

  it('refuses an ambiguous match instead of picking one (Orca requires unique matches)', () => {
    const result = resolve({ expected: [{ ...expectImage, useDefaultArtifact: true, defaultArtifact: image('d') }], received: [image('1'), image('2')], triggerExpectedIds: ['img'] });
    expect(result.unmatched[0]?.reason).toBe('2 received artifacts match {type=docker/image, name=index.docker.io/acme/web}; the match must be unique');
    const prior = resolve({ expected: [{ ...expectImage, usePriorArtifact: true }], prior: [image('1'), image('2')] });
    expect(prior.unmatched[0]?.reason).toMatch(/2 artifacts of the prior execution match it; the match must be unique/);
  });

  it('treats the same artifact received twice as one (artifacts are values)', () => {
    const result = resolve({ expected: [expectImage], received: [image('1'), { reference: 'index.docker.io/acme/web:1', version: '1', name: 'index.docker.io/acme/web', type: 'docker/image' }], triggerExpectedIds: ['img'] });
    expect(result.unmatched).toEqual([]);
    expect(result.artifacts).toHaveLength(1);
  });

  it('an expected artifact without matchArtifact matches any single artifact', () => {
    expect(resolve({ expected: [{ id: 'any' }], received: [image('1')], triggerExpectedIds: ['any'] }).resolved[0]?.boundArtifact).toEqual(image('1'));
    expect(resolve({ expected: [{ id: 'any' }], received: [image('1'), image('2')], triggerExpectedIds: ['any'] }).unmatched[0]?.reason).toMatch(/2 received artifacts match any artifact/);
  });

  it('an invalid pattern leaves the artifact unmatched with the regex error', () => {
    const result = resolve({ expected: [{ id: 'bad', matchArtifact: { name: '[' } }], received: [image('1')], triggerExpectedIds: ['bad'] });
    expect(result.unmatched[0]?.reason).toMatch(/matchArtifact\.name: "\[" is not a valid regular expression/);
  });
});
