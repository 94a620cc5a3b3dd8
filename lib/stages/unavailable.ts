import 'server-only';
import { stageCatalog, type KnownStageType } from '../pipeline';
import { task } from './tasks';
import type { StageHandler } from './types';

/** A placeholder for a stage type a later release implements: the pipeline validates and saves, the run says why it stops. */
export function unavailableStage<T extends KnownStageType>(type: T): StageHandler<T> {
  const label = stageCatalog[type].label;
  return {
    type,
    instant: true,
    async run() {
      return { status: 'failed', reason: `The ${label} stage is not available yet in this Foresail`, tasks: [task(label, 'TERMINAL')] };
    },
  };
}
