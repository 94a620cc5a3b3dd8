import { z } from 'zod';
import type { Report } from '../../issues';
import { commonStageFields } from '../common';
import { configKit, opt, runKit, text, type FieldKit } from '../fields';

function fields<X>(k: FieldKit<X>) {
  return {
    ...commonStageFields(k),
    type: z.literal('evaluateVariables'),
    /** Each key becomes a stage output that later expressions can use by bare name (`${current_image}`). */
    variables: opt(z.array(z.looseObject({ key: text(), value: opt(z.unknown()), description: opt(z.string()) }))),
  };
}

/** Evaluates expressions once and exposes the results as variables for later stages. */
export const evaluateVariablesStageSchema = z.looseObject(fields(configKit));
export const evaluateVariablesRunSchema = z.looseObject(fields(runKit));
export type EvaluateVariablesStage = z.infer<typeof evaluateVariablesStageSchema>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkEvaluateVariables(stage: EvaluateVariablesStage, report: Report): void {
  if (!stage.variables?.length) {
    report(['variables'], 'has no variables to evaluate', 'warning');
    return;
  }
  const seen = new Set<string>();
  stage.variables.forEach((variable, i) => {
    const key = variable.key.trim();
    if (key === '') report(['variables', i, 'key'], 'every variable needs a name');
    else if (seen.has(key)) report(['variables', i, 'key'], `"${key}" is defined twice in this stage`);
    else if (!IDENTIFIER.test(key)) {
      report(['variables', i, 'key'], `"${key}" is not a plain identifier, so later expressions cannot use it by bare name`, 'warning');
    }
    seen.add(key);
  });
}
