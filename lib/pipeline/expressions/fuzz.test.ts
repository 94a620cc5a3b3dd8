import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateString } from './evaluate-template';
import { checkTemplateSyntax, evaluateCondition, evaluateObject, evaluateTemplate } from './index';
import { FUNCTION_ARITY, KNOWN_METHOD_NAMES } from './names';
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

const names = fc.constantFrom(
  'parameters', 'trigger', 'weights', 'flags', 'replicas', 'nothing', 'new_image', 'deployedServerGroups', 'execution',
  'env', 'tag', 'type', 'name', 'key', 'value', 'status', 'missing', 'constructor', '__proto__', 'prototype', 'polluted',
  'toString', 'T', 'new', 'and', 'or', 'x',
);
const literals = fc.oneof(
  fc.constantFrom('0', '1', '-1', '2.5', '1e3', '0x1F', '10L', 'true', 'false', 'null', "''", "'a,b'", "'it''s'", '"x"', "'${x}'"),
  fc.integer({ min: -1_000, max: 1_000 }).map(String),
  fc.string({ maxLength: 8 }).map((s) => `'${s.replaceAll("'", "''")}'`),
);
const binaryOps = fc.constantFrom(
  '+', '-', '*', '/', '%', '^', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', '&&', '||', 'eq', 'ne', 'lt', 'gt', 'div', 'mod', '?:', '=',
);
const methods = fc.constantFrom(...KNOWN_METHOD_NAMES, 'getClass', 'matches', 'frobnicate');
const functions = fc.constantFrom(...FUNCTION_ARITY.keys(), 'fromUrl', 'nope');

const { expr } = fc.letrec<{ expr: string; atom: string; compound: string }>((tie) => ({
  expr: fc.oneof({ maxDepth: 4, depthSize: 'small' }, tie('atom'), tie('compound')),
  atom: fc.oneof(literals, names, fc.constantFrom('#this', '#root', '#stage', '#nope')),
  compound: fc.oneof(
    fc.tuple(tie('expr'), binaryOps, tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `${a} ? ${b} : ${c}`),
    fc.tuple(fc.constantFrom('-', '!', 'not '), tie('expr')).map(([op, a]) => `${op}${a}`),
    tie('expr').map((a) => `(${a})`),
    fc.tuple(tie('expr'), fc.constantFrom('.', '?.'), names).map(([a, dot, name]) => `${a}${dot}${name}`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, i]) => `${a}[${i}]`),
    fc.tuple(tie('expr'), methods, fc.array(tie('expr'), { maxLength: 2 })).map(([a, m, args]) => `${a}.${m}(${args.join(', ')})`),
    fc.tuple(tie('expr'), fc.constantFrom('.?[', '.^[', '.$[', '.![', '?.?['), tie('expr')).map(([a, sel, c]) => `${a}${sel}${c}]`),
    fc.tuple(functions, fc.array(tie('expr'), { maxLength: 2 })).map(([f, args]) => `#${f}(${args.join(', ')})`),
    fc.array(tie('expr'), { maxLength: 3 }).map((items) => `{${items.join(', ')}}`),
    fc.array(fc.tuple(names, tie('expr')), { maxLength: 2 }).map((entries) => `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
  ),
}));

const template = fc
  .array(fc.oneof({ weight: 4, arbitrary: expr.map((e) => `\${${e}}`) }, { weight: 1, arbitrary: fc.constantFrom(' ', 'text ', '-', '$', '{', '}') }), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(''));

const PATTERNS = [
  "${#stage('Deploy')['status'].toString() == 'SUCCEEDED'}",
  "${trigger['tag']}",
  '${parameters.env}',
  '${#toInt(parameters.replicas) * 2}',
  "${#stage('Get Info').outputs.artifacts.?[type == 'docker/image'][0].reference}",
  '${deployedServerGroups[0].serverGroup}',
  '${new_image}',
  "${#judgment('Approve')}",
  "${#pipelineId('Deploy to prod')}",
  "${parameters.namespace ?: 'default'}",
  "${parameters.env == 'prod' ? 5 : 1}",
  "${parameters.regions.split(',')[1]}",
  'image ${new_image} in ${parameters.env} (${weights.![#this * 2]})',
  '${{a: 1, b: {1, 2}}.toString()} ${#toJson(flags)} ${#fromBase64(#toBase64(trigger.user))}',
];
const noise = fc.oneof(
  fc.constantFrom('$', '{', '}', '[', ']', '(', ')', "'", '"', '.', '?', '!', '#', '@', ':', ',', '\\', '=', '^', ' ', '\u0000', '\uD800', '𝄞'),
  fc.string({ minLength: 1, maxLength: 3, unit: 'binary' }),
);
const mutation = fc.record({ kind: fc.constantFrom('insert', 'delete', 'swap', 'duplicate', 'truncate'), at: fc.nat(), text: noise });
const mutated = fc.tuple(fc.constantFrom(...PATTERNS), fc.array(mutation, { minLength: 1, maxLength: 5 })).map(([pattern, edits]) =>
  edits.reduce((s, { kind, at, text }) => {
    const i = s.length === 0 ? 0 : at % (s.length + 1);
    switch (kind) {
      case 'insert':
        return s.slice(0, i) + text + s.slice(i);
      case 'delete':
        return s.slice(0, i) + s.slice(i + 1);
      case 'swap':
        return i + 1 < s.length ? s.slice(0, i) + s.charAt(i + 1) + s.charAt(i) + s.slice(i + 2) : s;
      case 'duplicate':
        return s.slice(0, i) + s.slice(i, i + 8) + s.slice(i);
      default:
        return s.slice(0, i);
    }
  }, pattern),
);

const unicode = fc.oneof(
  fc.string({ maxLength: 120, unit: 'binary' }),
  fc.array(fc.oneof(fc.string({ maxLength: 6, unit: 'binary' }), fc.constantFrom('${', '}', "'", '[', '{', '#', '.?[')), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 60, unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }).map((s) => `\${${s}}`),
);

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
