import { formatPath } from '../errors';
import { checkTypedStage } from './checks/stages';
import type { ValidationIssue } from './issues';
import { toValidationIssues } from './parse';
import { isKnownStageType, stageRunSchemas, stageTypes, type RunStage } from './schema/stages';
import { upgradeLegacyStage } from './schema/stages/legacy-shapes';

export type RunStageResult = { ok: true; stage: RunStage } | { ok: false; issues: ValidationIssue[] };

/**
 * For the engine, after expressions are evaluated: the stage typed for its handler, or the errors
 * that stop it. A `${…}` left in a number, boolean or enum field is an error here (it is fine in
 * saved config), and so is a stage type Foresail does not run.
 */
export function parseStageForRun(stage: unknown): RunStageResult {
  const type: unknown = typeof stage === 'object' && stage !== null && 'type' in stage ? stage.type : undefined;
  if (!isKnownStageType(type)) {
    const message =
      typeof type === 'string'
        ? `Foresail cannot run stages of type "${type}" (it runs ${stageTypes.join(', ')})`
        : 'the stage has no type, so Foresail cannot run it';
    return { ok: false, issues: [{ path: 'type', message, severity: 'error' }] };
  }
  const result = stageRunSchemas[type].safeParse(upgradeLegacyStage(stage), { reportInput: true });
  if (!result.success) return { ok: false, issues: toValidationIssues(result.error) };
  const issues: ValidationIssue[] = [];
  checkTypedStage(result.data, (path, message, severity = 'error') => {
    if (severity === 'error') issues.push({ path: formatPath(path), message, severity });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, stage: result.data };
}
