import { describe, expect, it } from 'vitest';
import { allArtifactsOf, artifactsInScope, type ScopeStage } from './execution-artifacts';

describe('allArtifactsOf (Orca getAllArtifacts)', () => {
  const image = (tag: string) => ({ type: 'docker/image', name: 'goldengoose', reference: `goldengoose:${tag}`, version: tag });
  it("passes what the upstream's stages emitted, later stages first, then its trigger's artifacts", () => {
    const file = { type: 'github/file', name: 'src/app.ts', reference: 'https://api.github.com/repos/example/goldengoose/contents/src/app.ts' };
    const stages = [
      { position: 0, outputs: { artifacts: [image('a1b2c3d')] } },
      { position: 2, outputs: { jobStatus: {} } },
      { position: 1, outputs: { artifacts: [image('e4f5a6b'), 'not an artifact', { name: 'no type' }] } },
    ];
    expect(allArtifactsOf({ type: 'git', artifacts: [file] }, stages)).toEqual([image('e4f5a6b'), image('a1b2c3d'), file]);
  });
  it('nothing emitted and no trigger artifacts: nothing', () => {
    expect(allArtifactsOf({ type: 'manual' }, [{ position: 0, outputs: {} }])).toEqual([]);
  });
});

describe('artifactsInScope (what a stage can bind)', () => {
  const found = { id: 'img', boundArtifact: { type: 'docker/image', name: 'web', reference: 'web:1' } };
  const stage = (refId: string, requisites: string[], outputs: Record<string, unknown> = {}, parentStageId: string | null = null): ScopeStage => ({ id: `s-${refId}`, refId, parentStageId, requisiteStageRefIds: requisites, outputs });
  const stages = [
    stage('find', [], { resolvedExpectedArtifacts: [found], artifacts: [found.boundArtifact] }),
    stage('side', [], { resolvedExpectedArtifacts: [{ id: 'other', boundArtifact: { type: 'x' } }] }),
    stage('mid', ['find']),
    stage('deploy', ['mid']),
    stage('child', [], {}, 's-deploy'),
  ];
  const trigger = { resolvedExpectedArtifacts: [{ id: 'manifest', boundArtifact: { type: 'embedded/base64' } }], artifacts: [{ type: 'git/repo', name: 'r' }] };

  it("sees upstream stages' bound artifacts (transitively) before the trigger's, not a parallel branch's", () => {
    const scope = artifactsInScope(trigger, stages[3] as ScopeStage, stages);
    expect(scope.resolvedExpectedArtifacts.map((r) => r.id)).toStrictEqual(['img', 'manifest']);
    expect(scope.artifacts).toStrictEqual([found.boundArtifact, { type: 'git/repo', name: 'r' }]);
  });
  it("a synthetic child sees what its parent sees; a first stage only the trigger's", () => {
    expect(artifactsInScope(trigger, stages[4] as ScopeStage, stages).resolvedExpectedArtifacts.map((r) => r.id)).toStrictEqual(['img', 'manifest']);
    expect(artifactsInScope(trigger, stages[0] as ScopeStage, stages).resolvedExpectedArtifacts.map((r) => r.id)).toStrictEqual(['manifest']);
  });
});
