import 'server-only';
import type { RunStageOf } from '../../../pipeline';
import { taskSequence } from '../../tasks';
import type { StageHandler, StageResult } from '../../types';
import { failedFrom, isTransient } from '../failures';
import { readTrafficWeights, restoreTrafficWeights, setTrafficWeights } from './set-weights';
import { TrafficError, type TrafficMirror, type TrafficSnapshot, type TrafficTarget } from './types';
import { checkWeights } from './weights-check';

export interface TrafficSplitState {
  /** The route's traffic before this stage changed it: what cancel puts back. */
  before: TrafficSnapshot;
}

const TASKS = ['Record current weights', 'Set weights'] as const;
const RETRY_MS = 2_000;

type Config = RunStageOf<'trafficSplit'>;

export function trafficTargetOf(config: Config): TrafficTarget {
  const { kind, name, host, route } = config.router;
  return { namespace: config.namespace, router: { kind, name, ...(host ? { host } : {}), ...(route ? { route } : {}) } };
}

const mirrorOf = (config: Config): TrafficMirror | undefined =>
  config.mirror ? { destination: config.mirror.destination, ...(config.mirror.percentage !== undefined ? { percentage: config.mirror.percentage } : {}) } : undefined;

const routerOutput = (s: TrafficSnapshot) => ({ kind: s.kind, name: s.name, namespace: s.namespace, route: s.route });

/**
 * Sets the weights of one route of an Istio VirtualService or Gateway API HTTPRoute. The first run only
 * records the live weights (saved as state before anything changes, so a crash cannot make the new
 * weights look like the old ones); the second sets the desired weights, which is idempotent. Canceling
 * puts the recorded weights back.
 */
export const trafficSplit: StageHandler<'trafficSplit', TrafficSplitState> = {
  type: 'trafficSplit',
  async run({ stage, state, services, signal }): Promise<StageResult<TrafficSplitState>> {
    const config = stage.config;
    const target = trafficTargetOf(config);
    const what = `${target.router.kind} ${target.router.name}`;
    try {
      checkWeights(config.weights);
      const client = await services.kubernetes(config.account);
      if (!state) {
        const before = await readTrafficWeights(client, target, signal);
        return {
          status: 'running',
          state: { before },
          pollAfterMs: 0,
          outputs: { router: routerOutput(before), weightsBefore: before.weights, mirrorBefore: before.mirror, previousTraffic: before },
          tasks: taskSequence(TASKS, 1, 'RUNNING'),
        };
      }
      const change = await setTrafficWeights(client, target, config.weights, mirrorOf(config), signal);
      return {
        status: 'succeeded',
        outputs: { router: routerOutput(change.after), weightsAfter: change.after.weights, mirrorAfter: change.after.mirror, changed: change.changed },
        tasks: taskSequence(TASKS, TASKS.length, 'SUCCEEDED'),
      };
    } catch (err) {
      if (err instanceof TrafficError) return { status: 'failed', reason: err.message, tasks: taskSequence(TASKS, state ? 1 : 0, 'TERMINAL') };
      // An apiserver outage is no verdict on the weights: ask again (the engine's stage timeout bounds this).
      if (isTransient(err) && state) return { status: 'running', state, pollAfterMs: RETRY_MS };
      return failedFrom(err, `Setting traffic on ${what} in ${target.namespace}`);
    }
  },
  async cancel({ stage, state, services, signal }) {
    if (!state) return; // nothing was changed yet
    const client = await services.kubernetes(stage.config.account);
    await restoreTrafficWeights(client, trafficTargetOf(stage.config), state.before, signal);
  },
};
