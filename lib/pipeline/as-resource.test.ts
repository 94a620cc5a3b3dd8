import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { canaryConfigAsResource, pipelineAsResource, resourceNameOf, resourcesYaml } from './as-resource';

describe('pipelines as Kubernetes resources', () => {
  it('derive a valid object name from a display name', () => {
    expect(resourceNameOf('Deploy to Prod!')).toBe('deploy-to-prod');
    expect(resourceNameOf('  ')).toBe('pipeline');
    expect(resourceNameOf('x'.repeat(80) + ' y')).toHaveLength(63);
  });

  it('leave out what Foresail stores about a pipeline (id, order, author, source)', () => {
    const resource = pipelineAsResource(
      { id: 'p1', index: 2, updateTs: '1', lastModifiedBy: 'alice', managedBy: { kind: 'kubernetes' }, application: 'gg', name: 'Build', stages: [] },
      { namespace: 'team-a' },
    );
    expect(resource).toEqual({ apiVersion: 'foresail.dev/v1alpha1', kind: 'Pipeline', metadata: { name: 'build', namespace: 'team-a' }, spec: { application: 'gg', name: 'Build', stages: [] } });
  });

  it('name the application of a canary config and drop Kayenta’s bookkeeping', () => {
    const resource = canaryConfigAsResource({ id: 'c1', name: 'Latency', applications: ['gg'], createdTimestamp: 1, metrics: [] }, 'gg');
    expect(resource).toEqual({ apiVersion: 'foresail.dev/v1alpha1', kind: 'CanaryConfig', metadata: { name: 'latency' }, spec: { application: 'gg', name: 'Latency', metrics: [] } });
  });

  it('write a multi-document YAML stream', () => {
    const yaml = resourcesYaml([pipelineAsResource({ name: 'A' }), pipelineAsResource({ name: 'B' })]);
    expect(parseAllDocuments(yaml).map((d) => (d.toJSON() as { metadata: { name: string } }).metadata.name)).toEqual(['a', 'b']);
  });
});
