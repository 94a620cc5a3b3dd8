import { describe, expect, it } from 'vitest';
import type { ExecutionView } from '../types';
import { manifestsOf } from './manifest-source';

const execution = (trigger: Record<string, unknown> = {}): ExecutionView => ({ id: 'e', application: 'shop', pipelineId: 'p', pipelineName: 'P', status: 'RUNNING', trigger, authentication: { user: 'a', roles: [] } });
const b64 = (text: string) => Buffer.from(text).toString('base64');
const yamlDocs = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n---\n';

describe('manifestsOf', () => {
  it('takes inline manifests for source text (the default)', () => {
    expect(manifestsOf(execution(), { manifests: [{ kind: 'ConfigMap' }] })).toEqual({ manifests: [{ kind: 'ConfigMap' }] });
    expect(manifestsOf(execution(), { manifests: [] })).toEqual({ error: 'The stage has no manifests to deploy' });
  });

  it('decodes an inline embedded/base64 artifact, multi-document with Lists flattened', () => {
    const result = manifestsOf(execution(), { source: 'artifact', manifestArtifact: { type: 'embedded/base64', reference: b64(yamlDocs) } });
    expect('manifests' in result && result.manifests.map((m) => m.metadata?.name)).toEqual(['a', 'b']);
  });

  it('resolves manifestArtifactId through the trigger’s bound artifacts', () => {
    const trigger = { resolvedExpectedArtifacts: [{ id: 'm', boundArtifact: { type: 'embedded/base64', reference: b64(yamlDocs) } }] };
    expect('manifests' in manifestsOf(execution(trigger), { source: 'artifact', manifestArtifactId: 'm' })).toBe(true);
    expect(manifestsOf(execution(), { source: 'artifact', manifestArtifactId: 'm' })).toEqual({ error: 'The manifest artifact m did not bind to anything in this execution' });
  });

  it('says which artifact types and documents it cannot use', () => {
    expect(manifestsOf(execution(), { source: 'artifact', manifestArtifact: { type: 'github/file', reference: 'https://x' } })).toEqual({
      error: 'Manifest artifacts of type github/file are not supported yet; use embedded/base64 or inline manifests',
    });
    const bad = manifestsOf(execution(), { source: 'artifact', manifestArtifact: { type: 'embedded/base64', reference: b64('a: [1, 2\n') } });
    expect('error' in bad && bad.error).toMatch(/^The manifest artifact's document 1 is not valid YAML/);
    expect(manifestsOf(execution(), { source: 'artifact', manifestArtifact: { type: 'embedded/base64', reference: b64('- 1\n') } })).toEqual({ error: "The manifest artifact's document 1 is not an object" });
  });
});
