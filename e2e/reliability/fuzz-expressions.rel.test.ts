import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateString } from '../../lib/pipeline/expressions/evaluate-template';
import { escapeAttempt, mutated, resourceBomb, template, unicode } from '../../lib/pipeline/expressions/fuzz-arbitraries';
import { createRun } from '../../lib/pipeline/expressions/run';
import { testContext } from '../../lib/pipeline/expressions/test-context';
import { DEFAULT_EXPRESSION_LIMITS } from '../../lib/pipeline/expressions/types';

// R5 (expressions): 10,000 generated SpEL strings through the evaluator with its real limits.
// No escape (no value from the host, prototypes untouched, every attempt at a host object ends in an
// evaluation issue), bounded work (the step budget, checked per string) and bounded memory (the
// output limit; heap growth per string is measured after a young-generation GC and printed).
// Time is reported as this process's CPU time per string: wall time on a shared 2-core machine
// mostly measures the neighbours (it is printed too, and only a generous backstop is asserted).
const SEED = Number(process.env.R5_SEED ?? 13);
const MIX = { escape: 3_000, bomb: 2_000, grammar: 2_000, mutated: 1_500, unicode: 1_500 } as const;
const ctx = testContext();
const { maxOutputChars } = DEFAULT_EXPRESSION_LIMITS;
// The budget is checked before work is done, so it may overshoot by the one charge that crossed it.
const STEP_SLACK = 1_100;

v8.setFlagsFromString('--expose-gc');
const collectYoung = vm.runInNewContext('gc') as (options: { type: 'minor' }) => void;

/** Values an escape would carry out of the host: none of them may appear in a result. */
const hostMarkers = [process.version, process.cwd(), '[native code]', '[object process]', '[object global]', String(process.pid)].filter((m) => m.length > 2);

function plainDataProblem(value: unknown, depth = 0): string | undefined {
  if (depth > 200) return 'nested too deep';
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return undefined;
  if (typeof value !== 'object') return `a ${typeof value}`;
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) return 'an array with a foreign prototype';
  } else if (proto !== Object.prototype && proto !== null) return 'an object that is not plain data';
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol') return 'a symbol key';
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor?.get || descriptor?.set) return `an accessor at ${key}`;
    const problem = plainDataProblem(descriptor?.value, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

const prototypeKeys = () => [Object.prototype, Array.prototype, String.prototype, Function.prototype, Number.prototype].map((p) => Reflect.ownKeys(p).length);

describe('R5: fuzzing the expression evaluator', () => {
  it('evaluates 10,000 generated expressions without an escape, within the step budget and memory', () => {
    const batches: [keyof typeof MIX, fc.Arbitrary<string>][] = [['escape', escapeAttempt], ['bomb', resourceBomb], ['grammar', template], ['mutated', mutated], ['unicode', unicode]];
    const inputs = batches.flatMap(([kind, arb], i) => fc.sample(arb, { seed: SEED + i, numRuns: MIX[kind] }).map((text) => ({ kind, text })));
    const protoBefore = prototypeKeys();
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    let escapes = 0;
    let maxMs = 0;
    let maxCpuMs = 0;
    let slowest = '';
    let maxGrowth = 0;
    let mostSteps = 0;
    for (const { kind, text } of inputs) {
      collectYoung({ type: 'minor' });
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const cpu = process.cpuUsage();
      const run = createRun(ctx);
      let value: unknown;
      try {
        value = evaluateString(text, run, '');
      } catch (err) {
        failures.push(`threw ${err instanceof Error ? err.name : typeof err} for ${text.slice(0, 200)}`);
        continue;
      }
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      if (cpuMs > maxCpuMs) [maxCpuMs, slowest] = [cpuMs, `${kind}: ${text.slice(0, 60)}`];
      maxMs = Math.max(maxMs, performance.now() - started);
      maxGrowth = Math.max(maxGrowth, process.memoryUsage().heapUsed - heapBefore);
      mostSteps = Math.max(mostSteps, run.budget.stepsUsed);
      for (const issue of run.issues) kinds.set(issue.kind ?? 'none', (kinds.get(issue.kind ?? 'none') ?? 0) + 1);
      const problems: string[] = [];
      if (run.issues.some((issue) => issue.kind === 'internal')) problems.push('an internal error');
      if (run.budget.stepsUsed > DEFAULT_EXPRESSION_LIMITS.maxSteps + STEP_SLACK) problems.push(`${run.budget.stepsUsed} steps`);
      if (typeof value === 'string' && value.length > text.length + maxOutputChars) problems.push(`${value.length} characters of output`);
      const notPlain = plainDataProblem(value);
      const shown = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
      const leaked = hostMarkers.find((marker) => shown.includes(marker) && !text.includes(marker));
      if (notPlain || leaked) {
        escapes += 1;
        problems.push(`escape: ${notPlain ?? `host value ${leaked}`}`);
      }
      if (kind === 'escape') {
        if (run.issues.length === 0) {
          escapes += 1;
          problems.push(`escape: evaluated without an issue to ${shown.slice(0, 80)}`);
        }
        const unclear = run.issues.find((issue) => !issue.message || /TypeError|Cannot read|is not a function|undefined is not/.test(issue.message));
        if (unclear) problems.push(`an unclear message: ${unclear.message}`);
      }
      if (problems.length > 0) failures.push(`${problems.join(', ')} ← ${kind}: ${text.slice(0, 200)}`);
    }
    const polluted = ({} as Record<string, unknown>).polluted !== undefined || prototypeKeys().join() !== protoBefore.join();
    if (polluted) escapes += 1;
    const byKind = [...kinds.entries()].map(([k, n]) => `${k} ${n}`).join(', ');
    process.stdout.write(
      `R5 expressions: ${inputs.length} strings, ${escapes} escapes, max ${maxCpuMs.toFixed(1)} ms, max heap growth ${(maxGrowth / 1_048_576).toFixed(1)} MB (CPU time, slowest ${JSON.stringify(slowest)}; wall max ${maxMs.toFixed(0)} ms; max ${mostSteps} of ${DEFAULT_EXPRESSION_LIMITS.maxSteps} steps; issues: ${byKind}) — seed ${SEED}\n`,
    );
    expect(inputs.length).toBe(10_000);
    expect(polluted).toBe(false);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(escapes).toBe(0);
    // A generous backstop only: the step budget checked per string is the real bound; wall time varies by machine.
    expect(maxMs).toBeLessThan(2_000);
    // Likewise for memory: the output limit (1,000,000 characters) bounds what one string can hold.
    expect(maxGrowth).toBeLessThan(64 * 1_048_576);
  });
});
