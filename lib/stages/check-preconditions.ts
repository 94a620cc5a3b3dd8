import 'server-only';
import type { RunStageOf } from '../pipeline';
import { task } from './tasks';
import type { StageContext, StageHandler, TaskProgress } from './types';

type Precondition = NonNullable<RunStageOf<'checkPreconditions'>['preconditions']>[number];

interface Checked {
  type: string;
  passed: boolean;
  message: string;
  failPipeline: boolean;
}

/**
 * Checks every precondition (all of them, so one run shows every problem). A failing precondition
 * with `failPipeline: false` is recorded in the outputs and its task, but does not fail the stage.
 */
export const checkPreconditions: StageHandler<'checkPreconditions'> = {
  type: 'checkPreconditions',
  instant: true,
  async run(ctx) {
    const checked = (ctx.stage.config.preconditions ?? []).map((precondition) => checkOne(precondition, ctx));
    const tasks: TaskProgress[] = checked.map((c, i) => task(`Check precondition ${i + 1} (${c.type})`, c.passed ? 'SUCCEEDED' : 'TERMINAL'));
    const outputs = { preconditions: checked };
    const failing = checked.filter((c) => !c.passed && c.failPipeline);
    if (failing.length === 0) return { status: 'succeeded', outputs, tasks };
    const [first] = failing;
    if (failing.length === 1 && first) return { status: 'failed', reason: first.message, outputs, tasks };
    return { status: 'failed', reason: `${failing.length} preconditions failed: ${failing.map((c) => c.message).join('; ')}`, details: failing.map((c) => c.message), outputs, tasks };
  },
};

function checkOne(precondition: Precondition, ctx: StageContext<'checkPreconditions'>): Checked {
  const context = precondition.context ?? {};
  const result = (passed: boolean, message: string): Checked => ({ type: precondition.type, passed, message, failPipeline: precondition.failPipeline !== false });
  switch (precondition.type) {
    case 'expression': {
      const value = context.expression;
      // Orca reads the result as Boolean.valueOf(String), so a parameter holding "true" passes too.
      const passed = value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
      if (passed) return result(true, 'Precondition expression is true');
      const custom = typeof context.failureMessage === 'string' && context.failureMessage.trim() ? context.failureMessage.trim() : undefined;
      return result(false, custom ?? describeFalse(value));
    }
    case 'stageStatus':
      return checkStageStatus(context, ctx, result);
    case 'clusterSize':
      return result(false, 'Cluster size preconditions are not supported yet in this Foresail; use an expression precondition instead');
    default:
      return result(false, `"${precondition.type}" is not a precondition type Foresail checks (expression, stageStatus, clusterSize)`);
  }
}

function describeFalse(value: unknown): string {
  if (value === false) return 'Precondition expression evaluated to false';
  if (typeof value === 'string' && value.includes('${')) return `Precondition expression could not be evaluated: ${value}`;
  if (value === undefined || value === null || value === '') return 'Precondition expression is empty, so it is not true';
  return `Precondition expression evaluated to ${JSON.stringify(value)}, not true`;
}

function checkStageStatus(context: Record<string, unknown>, ctx: StageContext<'checkPreconditions'>, result: (passed: boolean, message: string) => Checked): Checked {
  const name = typeof context.stageName === 'string' ? context.stageName.trim() : '';
  const expected = typeof context.stageStatus === 'string' ? context.stageStatus.trim().toUpperCase() : '';
  if (!name || !expected) return result(false, 'A stage status precondition needs both stageName and stageStatus');
  const stage = ctx.stages.find((s) => s.name === name && s.id !== ctx.stage.id);
  if (!stage) return result(false, `There is no stage named "${name}" in this execution, so its status cannot be checked`);
  if (stage.status.toUpperCase() === expected) return result(true, `Stage "${name}" is ${stage.status}`);
  return result(false, `Stage "${name}" is ${stage.status}, but this precondition expects ${expected}`);
}
