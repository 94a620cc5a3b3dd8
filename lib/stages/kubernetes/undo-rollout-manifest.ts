import 'server-only';
import type { KubeObject } from '../../kubernetes/types';
import { actThenWait } from './act-then-wait';
import { resolveTarget, TargetError } from './target';

const REVISION = 'deployment.kubernetes.io/revision';
const revisionOf = (rs: KubeObject) => Number(rs.metadata?.annotations?.[REVISION] ?? NaN);

/**
 * Rolls a Deployment back `numRevisionsBack` revisions (or to `revision`) the way `kubectl rollout undo`
 * does: the chosen ReplicaSet's pod template (without its pod-template-hash label) becomes the
 * Deployment's template again, and the controller makes that ReplicaSet current.
 */
export const undoRolloutManifest = actThenWait('undoRolloutManifest', 'Undo rollout', async (client, { stage, signal }) => {
  const config = stage.config;
  const ref = await resolveTarget(client, config, signal);
  if (ref.kind !== 'Deployment') throw new TargetError(`Undo rollout works on Deployments; ${ref.kind} ${ref.name} is not one`);
  const deployment = await client.get(ref, signal);
  const uid = (deployment.metadata as { uid?: string } | undefined)?.uid;
  const owned = (await client.list({ apiVersion: 'apps/v1', kind: 'ReplicaSet' }, { namespace: ref.namespace, signal }))
    .filter((rs) => ((rs.metadata as { ownerReferences?: { uid?: string }[] } | undefined)?.ownerReferences ?? []).some((o) => o.uid === uid))
    .filter((rs) => Number.isFinite(revisionOf(rs)))
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  const current = owned[0] ? revisionOf(owned[0]) : undefined;
  const target = config.revision !== undefined ? owned.find((rs) => revisionOf(rs) === config.revision) : owned[config.numRevisionsBack ?? 1];
  if (!target) {
    const wanted = config.revision !== undefined ? `revision ${config.revision}` : `${config.numRevisionsBack ?? 1} revision(s) back`;
    throw new TargetError(`Cannot roll Deployment ${ref.name} back to ${wanted}: it has revisions ${owned.map(revisionOf).join(', ') || 'none'} (current ${current ?? 'unknown'})`);
  }
  const template = structuredClone((target.spec as { template?: KubeObject } | undefined)?.template ?? {});
  delete template.metadata?.labels?.['pod-template-hash'];
  await client.patch(ref, [{ op: 'replace', path: '/spec/template', value: template }], 'json', signal);
  return { ref, outputs: { fromRevision: current, toRevision: revisionOf(target) } };
});
