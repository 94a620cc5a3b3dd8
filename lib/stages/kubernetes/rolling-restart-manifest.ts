import 'server-only';
import { actThenWait } from './act-then-wait';
import { resolveTarget } from './target';

/** `kubectl rollout restart`: a new pod-template annotation makes the controller replace every pod. */
export const rollingRestartManifest = actThenWait('rollingRestartManifest', 'Rolling restart', async (client, { stage, signal, now }) => {
  const ref = await resolveTarget(client, stage.config, signal);
  // The stage start time, not now(): a replay after a crash sets the same value and restarts nothing twice.
  const restartedAt = new Date(stage.startTime ?? now()).toISOString();
  await client.patch(ref, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } } }, 'merge', signal);
  return { ref, outputs: { restartedAt } };
});
