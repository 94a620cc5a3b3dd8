import 'server-only';
import { redactSecrets } from '../../kubernetes/redact';
import type { StageHandler } from '../types';
import { imagesOf } from './bind-images';
import { failedFrom } from './failures';
import { resolveTarget, TargetError } from './target';

/** Reads a live workload and outputs the image artifacts it runs (how a canary's baseline gets production's image). */
export const findArtifactsFromResource: StageHandler<'findArtifactsFromResource'> = {
  type: 'findArtifactsFromResource',
  async run({ stage, services, signal }) {
    const config = stage.config;
    try {
      const client = await services.kubernetes(config.account);
      const ref = await resolveTarget(client, config, signal);
      const live = await client.get(ref, signal);
      const { managedFields: _m, ...metadata } = live.metadata ?? {};
      const manifest = redactSecrets({ ...live, metadata });
      const artifacts = imagesOf(live);
      return { status: 'succeeded', outputs: { manifest, manifests: [manifest], artifacts, 'outputs.artifacts': artifacts } };
    } catch (err) {
      if (err instanceof TargetError) return { status: 'failed', reason: err.message };
      return failedFrom(err);
    }
  },
};
