import type { IssuePath, Report, Severity } from '../issues';
import { mentionsExpression } from '../schema/expression';
import type { PipelineConfig, StageConfig } from '../schema/pipeline';
import { isKnownStage } from '../schema/stages';

export interface TemplateProblem {
  offset: number;
  length: number;
  message: string;
}
/** Syntax check of a `${…}` template (the expression parser's checkTemplateSyntax has this shape). */
export type TemplateChecker = (template: string) => TemplateProblem[];

/**
 * Used when no parser is supplied: finds `${` left unclosed, skipping braces inside quotes.
 * The real parser (lib/pipeline/expressions) checks the expression itself.
 */
export const checkTemplateBraces: TemplateChecker = (template) => {
  const problems: TemplateProblem[] = [];
  let at = template.indexOf('${');
  while (at !== -1) {
    let depth = 0;
    let quote: string | undefined;
    let end = -1;
    for (let i = at + 2; i < template.length && end === -1; i++) {
      const c = template[i];
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) end = i;
        else depth--;
      }
    }
    if (end === -1) {
      problems.push({ offset: at, length: template.length - at, message: 'the expression is not closed with "}"' });
      break;
    }
    if (template.slice(at + 2, end).trim() === '') problems.push({ offset: at, length: end - at + 1, message: 'the expression is empty' });
    at = template.indexOf('${', end + 1);
  }
  return problems;
};

/** A whole-value expression yields the field's value (a number, list, …); if it cannot parse, the field keeps template text. */
const WHOLE = /^\s*\$\{[\s\S]*\}\s*$/;

function checkTemplate(template: string, check: TemplateChecker, report: Report, path: IssuePath, severity: Severity, shift = 0): void {
  for (const problem of check(template)) {
    const at = Math.max(0, problem.offset - shift);
    report(path, `expression error at character ${at + 1}: ${problem.message}`, severity);
  }
}

/** Conditions may be written with or without `${}`; they always evaluate, so problems are errors. */
function checkCondition(expression: string, check: TemplateChecker, report: Report, path: IssuePath): void {
  if (expression.trim() === '') return;
  if (mentionsExpression(expression)) checkTemplate(expression, check, report, path, 'error');
  else checkTemplate(`\${${expression}}`, check, report, path, 'error', 2);
}

function walk(value: unknown, path: PropertyKey[], visit: (text: string, path: PropertyKey[]) => void): void {
  if (typeof value === 'string') {
    if (mentionsExpression(value)) visit(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, [...path, i], visit));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) walk(item, [...path, key], visit);
  }
}

/**
 * Orca evaluates every string of a stage's context (unless skipExpressionEvaluation) and leaves a
 * failed expression as text. A broken whole-value expression therefore breaks the field (error);
 * one embedded in text only leaves text behind (warning), unless failOnFailedExpressions.
 */
function checkStageExpressions(stage: StageConfig, check: TemplateChecker, report: Report): void {
  if (stage.skipExpressionEvaluation === true) return;
  const strict = stage.failOnFailedExpressions === true;
  for (const [key, value] of Object.entries(stage)) {
    if (key === 'stageEnabled' && stage.stageEnabled) {
      checkCondition(stage.stageEnabled.expression, check, report, ['stageEnabled', 'expression']);
      continue;
    }
    if (key === 'preconditions' && isKnownStage(stage) && stage.type === 'checkPreconditions') {
      stage.preconditions?.forEach((precondition, i) => {
        for (const [name, item] of Object.entries(precondition.context ?? {})) {
          const path = ['preconditions', i, 'context', name];
          if (name === 'expression' && typeof item === 'string') checkCondition(item, check, report, path);
          else walk(item, path, (text, at) => checkTemplate(text, check, report, at, strict || WHOLE.test(text) ? 'error' : 'warning'));
        }
      });
      continue;
    }
    walk(value, [key], (text, path) => checkTemplate(text, check, report, path, strict || WHOLE.test(text) ? 'error' : 'warning'));
  }
}

export function checkExpressions(pipeline: PipelineConfig, check: TemplateChecker, report: Report): void {
  pipeline.stages.forEach((stage, i) => checkStageExpressions(stage, check, (path, message, severity) => report(['stages', i, ...path], message, severity)));
  walk(pipeline.notifications, ['notifications'], (text, path) => checkTemplate(text, check, report, path, 'warning'));
}
