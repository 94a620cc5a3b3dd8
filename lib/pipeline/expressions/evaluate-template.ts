import type { Node } from './ast';
import { toText } from './convert';
import { evaluate, type Runtime } from './interpreter';
import { parseTemplate } from './parse-template';
import { addIssue, createRun, reportFailure, type Run } from './run';
import type { EvaluationIssue, ExpressionContext } from './types';
import { cloneData } from './values';

type Outcome = { ok: true; value: unknown } | { ok: false };

/**
 * Orca's rules for one string: text without `${` is returned as is; a string that is exactly one
 * `${…}` yields the expression's typed value; otherwise each expression's value is converted to text
 * in place. A failing expression (or one that yields null) stays as written and adds an issue.
 */
export function evaluateString(template: string, run: Run, path: string): unknown {
  if (!template.includes('${')) return template;
  const parsed = parseTemplate(template, run.limits);
  if (!parsed.ok) {
    addIssue(run, { path, expression: parsed.fragment, kind: 'syntax', message: parsed.error.message });
    return template;
  }
  for (const part of parsed.parts) {
    if (part.kind === 'expression' && 'error' in part) addIssue(run, { path, expression: part.raw, kind: 'syntax', message: part.error.message });
  }
  const [only] = parsed.parts;
  if (parsed.parts.length === 1 && only?.kind === 'expression') {
    if (!('ast' in only)) return template;
    const outcome = evaluatePart(only.ast, only.source, only.raw, false, run, path);
    return outcome.ok ? outcome.value : template;
  }
  const out: string[] = [];
  for (const part of parsed.parts) {
    if (part.kind === 'text') {
      out.push(part.text);
    } else {
      const outcome = 'ast' in part ? evaluatePart(part.ast, part.source, part.raw, true, run, path) : { ok: false as const };
      out.push(outcome.ok && typeof outcome.value === 'string' ? outcome.value : part.raw);
    }
  }
  return out.join('');
}

function evaluatePart(ast: Node, source: string, raw: string, asText: boolean, run: Run, path: string): Outcome {
  // Once the step budget is spent the issue has been reported; the remaining expressions stay as written.
  if (run.budget.isExhausted) return { ok: false };
  const rt: Runtime = { source, helpers: run.helpers, budget: run.budget };
  try {
    const value = evaluate(ast, { root: run.variables, self: run.variables }, rt);
    if (value === null || value === undefined) {
      addIssue(run, { path, expression: raw, kind: 'not-found', message: rt.missing ?? 'the expression evaluated to null' });
      return { ok: false };
    }
    if (!asText) return { ok: true, value: cloneData(value, run.budget) };
    const text = toText(value, 'convert', run.budget);
    run.budget.addOutput(text.length);
    return { ok: true, value: text };
  } catch (err) {
    reportFailure(run, path, raw, err);
    return { ok: false };
  }
}

/**
 * Evaluates one string. `value` is the typed result for a lone `${…}`, a string otherwise, and the
 * template unchanged when nothing could be evaluated. Never throws.
 */
export function evaluateTemplate(template: string, ctx: ExpressionContext): { value: unknown; issues: EvaluationIssue[] } {
  let run: Run | undefined;
  try {
    run = createRun(ctx);
    return { value: evaluateString(template, run, ''), issues: run.issues };
  } catch (err) {
    const issues = run?.issues ?? [];
    if (run) reportFailure(run, '', typeof template === 'string' ? template : '', err);
    else issues.push({ path: '', expression: '', kind: 'internal', message: 'the evaluation context is not usable' });
    return { value: template, issues };
  }
}
