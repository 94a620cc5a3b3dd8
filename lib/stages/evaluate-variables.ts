import 'server-only';
import { task } from './tasks';
import type { StageHandler } from './types';

const TASK = 'Evaluate variables';

/**
 * Exposes each variable as a stage output (later expressions use it by bare name). The engine has
 * already evaluated the values; one still holding `${` is an expression that failed, which fails the
 * stage under `failOnFailedExpressions` and is otherwise passed on as written, as Orca does.
 */
export const evaluateVariables: StageHandler<'evaluateVariables'> = {
  type: 'evaluateVariables',
  instant: true,
  async run({ stage, log }) {
    const outputs: Record<string, unknown> = {};
    const unevaluated: string[] = [];
    for (const variable of stage.config.variables ?? []) {
      const key = variable.key.trim();
      if (!key) continue;
      outputs[key] = variable.value;
      if (holdsTemplate(variable.value)) unevaluated.push(key);
    }
    if (unevaluated.length === 0) return { status: 'succeeded', outputs, tasks: [task(TASK, 'SUCCEEDED')] };
    const names = unevaluated.map((key) => `"${key}"`).join(', ');
    if (stage.config.failOnFailedExpressions === true) {
      return {
        status: 'failed',
        reason: `The expression for ${names} could not be evaluated; fix it (the stage's expression summary says why) or turn off failOnFailedExpressions`,
        details: unevaluated.map((key) => `${key} = ${JSON.stringify(outputs[key])}`),
        tasks: [task(TASK, 'TERMINAL')],
      };
    }
    log.warn({ stageId: stage.id, variables: unevaluated }, 'evaluateVariables: some expressions did not evaluate; passing their text on as written');
    return { status: 'succeeded', outputs, tasks: [task(TASK, 'SUCCEEDED')] };
  },
};

function holdsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (Array.isArray(value)) return value.some(holdsTemplate);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsTemplate);
  return false;
}
