import 'server-only';
import { refOf, type KubeObject, type ObjectRef } from '../../kubernetes/types';
import { failedFrom } from '../kubernetes/failures';
import { FIRST_POLL_MS, pollStable, timeoutOf } from '../kubernetes/stability';
import type { StageContext, StageResult } from '../types';
import { withUpstreamArtifacts } from '../artifact-scope';
import { newImageOf } from './image';
import { copyOf, serviceCopyOf, targetContainer } from './workloads';

export interface CanaryReleaseState {
  /** What was applied (baseline and canary Deployments, and their Services if any). */
  applied: ObjectRef[];
  startedAt: number;
  outputs: Record<string, unknown>;
}

const READY_TIMEOUT_MS = 10 * 60_000;
const TASKS = ['Start baseline and canary', 'Wait for baseline and canary'] as const;

/**
 * The parent's own work, before its children: read production, start the baseline (production's
 * image) and the canary (the new image) as copies of production's pod template, and wait until both
 * are ready. Server-side apply makes a replay after a worker crash converge on the same objects.
 */
export async function prepare(ctx: StageContext<'canaryRelease', CanaryReleaseState>): Promise<StageResult<CanaryReleaseState>> {
  const { stage, state, services, signal, execution, now } = ctx;
  const config = stage.config;
  try {
    const client = await services.kubernetes(config.account);
    // After its own work the engine keeps `{ parentRan: true }` here; a late duplicate run changes nothing.
    if (state && !Array.isArray(state.applied)) return { status: 'succeeded' };
    if (state) {
      return await pollStable({ client, refs: state.applied.filter((r) => r.kind === 'Deployment'), state, startedAt: state.startedAt, timeoutMs: timeoutOf(config, READY_TIMEOUT_MS), now: now(), signal, outputs: state.outputs, taskNames: TASKS });
    }
    const image = newImageOf(config, withUpstreamArtifacts(execution, stage, ctx.stages));
    if ('error' in image) return { status: 'failed', reason: image.error };
    // The analysis child would refuse a metrics account this run may not use; say so before deploying anything.
    const metrics = await services.prometheusAccount(config.canaryConfig.metricsAccountName).then(() => undefined, (err: unknown) => (err instanceof Error ? err.message : String(err)));
    if (metrics) return { status: 'failed', reason: `The canary analysis cannot run: ${metrics}` };
    const production = await client.get({ kind: 'deployment', name: config.production.name, namespace: config.namespace }, signal);
    const container = targetContainer(production, config.production.container);
    if (!container?.image) {
      const what = config.production.container ? `no container named ${config.production.container}` : 'no container';
      return { status: 'failed', reason: `Deployment ${config.production.name} in ${config.namespace} has ${what}, so there is no production image to compare with` };
    }
    const replicas = config.replicas ?? 1;
    const copies: KubeObject[] = [
      copyOf(production, { track: 'baseline', replicas, container: container.name, image: container.image }),
      copyOf(production, { track: 'canary', replicas, container: container.name, image: image.image }),
    ];
    // An HTTPRoute weighs Services: give each copy one when production has a Service of its own name.
    const service = await client.find({ apiVersion: 'v1', kind: 'Service', name: config.production.name, namespace: config.namespace }, signal);
    if (service) copies.push(serviceCopyOf(service, 'baseline'), serviceCopyOf(service, 'canary'));
    const applied = await client.apply(copies, { namespace: config.namespace, override: true, signal });
    const outputs = {
      productionImageBefore: container.image,
      productionContainer: container.name,
      newImage: image.image,
      baseline: `${config.production.name}-baseline`,
      canary: `${config.production.name}-canary`,
      summary: `Comparing ${image.image} (canary) with production's ${container.image} (baseline), ${replicas} replica(s) each`,
    };
    return { status: 'running', state: { applied: applied.map(refOf), startedAt: now(), outputs }, pollAfterMs: FIRST_POLL_MS, outputs };
  } catch (err) {
    return failedFrom(err, `Starting baseline and canary for ${config.production.name} failed`);
  }
}
