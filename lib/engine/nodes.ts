import type { StageRow } from '../db/engine/rows';
import { stageOptions } from './stage-options';
import type { StageNode } from './transitions';

/** A stage row as the pure DAG rules see it: with its failure-handling options read from its context. */
export function toNode(row: StageRow): StageNode & StageRow {
  const options = stageOptions(row.context);
  return { ...row, failPipeline: options.failPipeline, continuePipeline: options.continuePipeline, completeOtherBranchesThenFail: options.completeOtherBranchesThenFail };
}
