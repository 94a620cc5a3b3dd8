import 'server-only';
import { actThenWait } from './act-then-wait';
import { resolveTarget } from './target';

/** Sets a workload's replica count (merge patch of spec.replicas), then waits until it is stable. */
export const scaleManifest = actThenWait('scaleManifest', 'Scale manifest', async (client, { stage, signal }) => {
  const ref = await resolveTarget(client, stage.config, signal);
  await client.patch(ref, { spec: { replicas: stage.config.replicas } }, 'merge', signal);
  return { ref, outputs: { replicas: stage.config.replicas } };
});
