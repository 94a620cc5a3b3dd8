import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateString } from './evaluate-template';
import { checkTemplateSyntax, evaluateCondition, evaluateObject, evaluateTemplate } from './index';
import { mutated, template, unicode } from './fuzz-arbitraries';
import { createRun } from './run';
import { testContext } from './test-context';

/**
 * Property tests over 10,000+ generated inputs (4 × 2,500 runs, plus evaluateObject trees holding
 * several strings each): grammar-built expressions, mutated real-world patterns, random Unicode.
 * Invariants: nothing throws (the internal evaluator is called directly, so the API's last-resort
 * catch cannot hide a bug), no `internal` issue, work stays within the step budget, prototypes are
 * untouched, and checkTemplateSyntax finds a problem exactly when evaluation reports a syntax issue.
 * Failures print fast-check's seed and path for replay.
 */
const RUNS = 2_500;
const MAX_STEPS = 3_000;
const ctx = testContext({ limits: { maxSteps: MAX_STEPS } });
let slowestMs = 0;

function checkTemplate(template: string): void {
  const run = createRun(ctx);
  const start = performance.now();
  const value = evaluateString(template, run, '');
  slowestMs = Math.max(slowestMs, performance.now() - start);
  const kinds = new Set(run.issues.map((issue) => issue.kind));
  expect(kinds.has('internal')).toBe(false);
  // The budget may overshoot by the one charge that crossed it, never keep running past it.
  if (run.budget.stepsUsed > MAX_STEPS) expect(kinds.has('limit')).toBe(true);
  expect(run.budget.stepsUsed).toBeLessThan(MAX_STEPS + 1_100);
  expect(checkTemplateSyntax(template).length === 0).toBe(!kinds.has('syntax'));
  if (!template.includes('${')) {
    expect(value).toBe(template);
    expect(run.issues).toEqual([]);
  }
  expect(evaluateTemplate(template, ctx).issues.some((issue) => issue.kind === 'internal')).toBe(false);
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('fuzzing the evaluator', () => {
  afterAll(() => {
    // A generous backstop only: the step budget checked per input is the real guarantee, wall time varies by machine.
    expect(slowestMs).toBeLessThan(2_000);
  });

  it('survives grammar-built expressions', () => {
    fc.assert(fc.property(template, checkTemplate), { numRuns: RUNS });
  });

  it('survives mutations of the patterns real pipelines use', () => {
    fc.assert(fc.property(mutated, checkTemplate), { numRuns: RUNS });
  });

  it('survives random Unicode, including lone surrogates and control characters', () => {
    fc.assert(
      fc.property(unicode, (text) => {
        checkTemplate(text);
        expect(typeof evaluateCondition(text, ctx).value).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });

  it('walks random objects full of templates without mutating them', () => {
    const keys = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', '${parameters.env}', '${__proto__}', '${1/0}'));
    const leaf = fc.oneof(template, mutated, fc.integer(), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
      tree: fc.oneof({ maxDepth: 3 }, leaf, fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(keys, tie('tree'), { maxKeys: 4 })),
    }));
    fc.assert(
      fc.property(tree, (input) => {
        const before = JSON.stringify(input);
        const { summary } = evaluateObject(input, ctx, { path: 'context' });
        expect(JSON.stringify(input)).toBe(before);
        expect(summary.some((issue) => issue.kind === 'internal')).toBe(false);
        expect(summary.every((issue) => issue.path.startsWith('context'))).toBe(true);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});
