import 'server-only';
import type { StageHandler } from '../types';
import { canaryReleaseChildren } from './children';
import { cleanUp } from './cleanup';
import { prepare, type CanaryReleaseState } from './prepare';

export type { CanaryReleaseState } from './prepare';

/**
 * Foresail's canary release in one stage (the seed's Deploy pipeline): its own work starts baseline
 * and canary next to production; synthetic children then shift traffic, analyse, optionally ask for
 * a judgment, promote, restore traffic and delete the copies. The cancel routine does the cleanup
 * on every other ending. The traffic and delete handlers are passed in (the registry's), so the
 * cleanup uses the same code as the children without this module importing the registry.
 */
export function createCanaryRelease(handlers: { trafficSplit: StageHandler<'trafficSplit', unknown>; deleteManifest: StageHandler<'deleteManifest', unknown> }): StageHandler<'canaryRelease', CanaryReleaseState> {
  return {
    type: 'canaryRelease',
    syntheticStages: (config) => canaryReleaseChildren(config),
    run: prepare,
    cancel: (ctx) => cleanUp(ctx, handlers),
  };
}
