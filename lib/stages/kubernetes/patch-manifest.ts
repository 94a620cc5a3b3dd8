import 'server-only';
import { withoutManagedFields } from '../../kubernetes/metadata';
import { redactSecrets } from '../../kubernetes/redact';
import type { KubeObject } from '../../kubernetes/types';
import { actThenWait } from './act-then-wait';
import { bindImages } from './bind-images';
import { withUpstreamArtifacts } from '../artifact-scope';
import { imageArtifactsFor } from './image-artifacts';
import { resolveTarget, TargetError } from './target';

/** Patches a live object (strategic merge by default, JSON merge or JSON patch), then waits until it is stable. */
export const patchManifest = actThenWait('patchManifest', 'Patch manifest', async (client, { stage, execution, stages, signal }) => {
  const config = stage.config;
  if (config.source === 'artifact') throw new TargetError('Patches from an artifact are not supported yet; use source "text" with patchBody');
  if (config.patchBody === undefined) throw new TargetError('The stage has no patchBody');
  const strategy = config.options?.mergeStrategy ?? 'strategic';
  if ((strategy === 'json') !== Array.isArray(config.patchBody)) {
    throw new TargetError(strategy === 'json' ? 'patchBody must be a list of JSON patch operations for the "json" strategy' : `patchBody must be an object for the "${strategy}" strategy`);
  }
  let body: unknown = config.patchBody;
  if (!Array.isArray(body)) {
    const { artifacts, missing } = imageArtifactsFor(withUpstreamArtifacts(execution, stage, stages), config);
    if (missing.length) throw new TargetError(`Required artifact${missing.length > 1 ? 's' : ''} ${missing.join(', ')} did not bind to anything in this execution`);
    body = bindImages([body as KubeObject], artifacts).manifests[0];
  }
  const ref = await resolveTarget(client, config, signal);
  const patched = await client.patch(ref, body, strategy, signal);
  return { ref, outputs: { 'outputs.manifests': [redactSecrets(withoutManagedFields(patched))] } };
});
