import { describe, expect, it } from 'vitest';
import { SEALED_CONTENT_KEY } from '../artifacts/sealed';
import { stageContext } from '../testing';
import type { ExecutionView, StageServices } from '../types';
import { wait } from '../wait';
import { manifestsOf } from './manifest-source';

const execution = (trigger: Record<string, unknown> = {}): ExecutionView => ({ id: 'e', application: 'shop', pipelineId: 'p', pipelineName: 'P', status: 'RUNNING', trigger, authentication: { user: 'a', roles: [] } });
const b64 = (text: string) => Buffer.from(text).toString('base64');
const yamlDocs = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n---\n';
const secretDoc = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {password: aHVudGVyMg==}\n';
/** Services as the engine gives them, with sealed content kept in a map and remote fetches answered by `fetched`. */
const services = (sealed: Record<string, string> = {}, fetched?: (artifact: Record<string, unknown>) => string): StageServices =>
  stageContext(wait, { waitTime: 1 }, {
    services: {
      unsealArtifact: async (id) => sealed[id],
      fetchArtifact: async (artifact, what) => (fetched ? { bytes: Buffer.from(fetched(artifact)) } : { error: `The ${what} could not be fetched` }),
    },
  }).services;

describe('manifestsOf', () => {
  it('takes inline manifests for source text (the default)', async () => {
    expect(await manifestsOf(execution(), { manifests: [{ kind: 'ConfigMap' }] }, services())).toEqual({ manifests: [{ kind: 'ConfigMap' }] });
    expect(await manifestsOf(execution(), { manifests: [] }, services())).toEqual({ error: 'The stage has no manifests to deploy' });
  });

  it('decodes an inline embedded/base64 artifact, multi-document with Lists flattened', async () => {
    const result = await manifestsOf(execution(), { source: 'artifact', manifestArtifact: { type: 'embedded/base64', reference: b64(yamlDocs) } }, services());
    expect('manifests' in result && result.manifests.map((m) => m.metadata?.name)).toEqual(['a', 'b']);
  });

  it('resolves manifestArtifactId through the trigger’s bound artifacts', async () => {
    const trigger = { resolvedExpectedArtifacts: [{ id: 'm', boundArtifact: { type: 'embedded/base64', reference: b64(yamlDocs) } }] };
    expect('manifests' in (await manifestsOf(execution(trigger), { source: 'artifact', manifestArtifactId: 'm' }, services()))).toBe(true);
    expect(await manifestsOf(execution(), { source: 'artifact', manifestArtifactId: 'm' }, services())).toEqual({ error: 'The manifest artifact m did not bind to anything in this execution' });
  });

  it('deploys the sealed real content of a redacted artifact, and refuses when the run may not read it', async () => {
    const artifact = { type: 'embedded/base64', reference: b64('redacted copy'), metadata: { [SEALED_CONTENT_KEY]: 'sealed-1' } };
    const result = await manifestsOf(execution(), { source: 'artifact', manifestArtifact: artifact }, services({ 'sealed-1': secretDoc }));
    expect('manifests' in result && result.manifests[0]).toMatchObject({ kind: 'Secret', data: { password: 'aHVudGVyMg==' } });
    expect(await manifestsOf(execution(), { source: 'artifact', manifestArtifact: artifact }, services())).toEqual({
      error: 'The manifest artifact shows redacted Secret values; their real values are kept for the pipelines of the application that rendered them, and this run cannot read them',
    });
  });

  it('fetches other artifact types through their account, and says which documents it cannot use', async () => {
    const remote = { type: 'github/file', reference: 'https://x' };
    expect('manifests' in (await manifestsOf(execution(), { source: 'artifact', manifestArtifact: remote }, services({}, () => yamlDocs)))).toBe(true);
    expect(await manifestsOf(execution(), { source: 'artifact', manifestArtifact: remote }, services())).toEqual({ error: 'The manifest artifact could not be fetched' });
    const bad = await manifestsOf(execution(), { source: 'artifact', manifestArtifact: { type: 'embedded/base64', reference: b64('a: [1, 2\n') } }, services());
    expect('error' in bad && bad.error).toMatch(/^The manifest artifact's document 1 is not valid YAML/);
    expect(await manifestsOf(execution(), { source: 'artifact', manifestArtifact: { type: 'embedded/base64', reference: b64('- 1\n') } }, services())).toEqual({ error: "The manifest artifact's document 1 is not an object" });
  });
});
