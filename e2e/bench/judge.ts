/**
 * (P4) Canary judge speed: Kayenta's NetflixACAJudge rules over 100 metrics × 2 sides × 1,000 points,
 * and, in the same run, scipy's Mann-Whitney test over the same series for comparison.
 *
 * The data are generated from a fixed seed and mix the shapes canary metrics have: normal noise with
 * and without a shift, skewed latencies, integer counts full of ties and mostly-zero error counts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { judge, parseJudgeInput, seededRandom, type JudgeInput, type RandomSource } from '../../lib/canary/stats';
import { judgeForesail } from '../../lib/canary/stats/foresail/judge';
import type { Bench, BenchRow } from './types';

const METRICS = 100;
const POINTS = 1_000;
const RUNS = 15;

function normal(random: RandomSource): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function series(kind: number, shift: number, random: RandomSource): number[] {
  return Array.from({ length: POINTS }, () => {
    switch (kind) {
      case 0: // latency, log-normal, in ms
        return Math.round(240 * (1 + shift) * Math.exp(0.3 * normal(random)) * 10) / 10;
      case 1: // CPU cores, normal
        return 0.4 * (1 + shift) + 0.03 * normal(random);
      case 2: // request counts per step: integers, many ties
        return Math.max(0, Math.round(50 * (1 + shift) + 7 * normal(random)));
      default: // errors per step: mostly zero
        return random() < 0.05 * (1 + 4 * shift) ? 1 + Math.floor(random() * 3) : 0;
    }
  });
}

/**
 * The request as a client would send it (plain JSON). `continuousOnly` makes every metric a
 * tie-free continuous series, the slowest case for the rank statistics.
 */
export function benchRequest(seed = 4, continuousOnly = false): Record<string, unknown> {
  const random = seededRandom(seed);
  const metrics = [];
  const metricSetPairs = [];
  for (let i = 0; i < METRICS; i++) {
    const kind = continuousOnly ? 1 : i % 4;
    // A quarter of the metrics regress (10 % worse), the rest are unchanged.
    const shift = i % 8 < 2 ? 0.1 : 0;
    metrics.push({ name: `metric-${i}`, groups: [['latency', 'saturation', 'traffic', 'errors'][kind]], analysisConfigurations: { canary: { direction: 'either' } } });
    metricSetPairs.push({ name: `metric-${i}`, tags: {}, values: { control: series(kind, 0, random), experiment: series(kind, shift, random) } });
  }
  return { config: { metrics }, metricSetPairs, thresholds: { pass: 75, marginal: 50 } };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function timeMs(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** FORESAIL_PYTHON, else the judge venv the reference generator uses, else python3 on PATH. */
function pythonInterpreter(): string {
  if (process.env.FORESAIL_PYTHON) return process.env.FORESAIL_PYTHON;
  if (existsSync('/root/judge-venv/bin/python')) return '/root/judge-venv/bin/python';
  return 'python3';
}

// Times scipy.stats.mannwhitneyu per metric (two-sided, asymptotic, continuity correction), the
// closest thing scipy has to the judge's test, over the same series.
const SCIPY_SCRIPT = `
import json, sys, time
try:
    import numpy as np, scipy
    from scipy import stats
except ImportError as e:
    print(json.dumps({"error": "scipy not installed (" + str(e) + ")"})); sys.exit(0)
pairs = json.load(open(sys.argv[1]))
data = [(np.asarray(p["experiment"], dtype=float), np.asarray(p["control"], dtype=float)) for p in pairs]
runs = int(sys.argv[2])
times = []
for _ in range(runs + 2):
    t = time.perf_counter()
    for x, y in data:
        stats.mannwhitneyu(x, y, alternative="two-sided", use_continuity=True, method="asymptotic")
    times.append((time.perf_counter() - t) * 1000)
times = sorted(times[2:])
print(json.dumps({"ms": times[len(times) // 2], "scipy": scipy.__version__, "python": sys.version.split()[0]}))
`;

interface ScipyTiming {
  ms?: number;
  scipy?: string;
  python?: string;
  error?: string;
}

function runScipy(pairs: Array<{ control: number[]; experiment: number[] }>): Promise<ScipyTiming> {
  const dir = mkdtempSync(path.join(tmpdir(), 'foresail-judge-bench-'));
  const file = path.join(dir, 'pairs.json');
  writeFileSync(file, JSON.stringify(pairs));
  const python = pythonInterpreter();
  return new Promise<ScipyTiming>((resolve) => {
    const child = spawn(python, ['-c', SCIPY_SCRIPT, file, String(RUNS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e) => resolve({ error: `cannot run ${python}: ${e.message}` }));
    child.on('close', (code) => {
      try {
        resolve(code === 0 ? (JSON.parse(out) as ScipyTiming) : { error: `${python} exited with ${code}: ${err.trim().split('\n').pop() ?? ''}` });
      } catch {
        resolve({ error: `unexpected output from ${python}: ${out.slice(0, 200)}` });
      }
    });
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

export const judgeBench: Bench = {
  id: 'judge',
  title: '(P4) Canary judge: 100 metrics × 2 × 1,000 points',
  async run(): Promise<BenchRow[]> {
    const raw = benchRequest();
    const parsed = parseJudgeInput(raw);
    if (!('input' in parsed)) throw new Error(`bench request is invalid: ${JSON.stringify(parsed.issues[0])}`);
    const input: JudgeInput = parsed.input;
    for (let i = 0; i < 3; i++) judge(input); // warm up the JIT
    const judgeMs = timeMs(() => judge(input), RUNS);
    const parseMs = timeMs(() => parseJudgeInput(raw), 5);
    const worst = parseJudgeInput(benchRequest(5, true));
    const worstMs = 'input' in worst ? timeMs(() => judge(worst.input), RUNS) : Number.NaN;
    const foresailInput: JudgeInput = { ...input, config: { ...input.config, judge: { name: 'foresail-v1', judgeConfigurations: {} } } };
    for (let i = 0; i < 3; i++) judgeForesail(foresailInput);
    const foresailMs = timeMs(() => judgeForesail(foresailInput), RUNS);
    const verdict = judge(input);
    const highs = verdict.results.filter((r) => r.classification !== 'Pass').length;
    const scipy = await runScipy(input.metricSetPairs.map((p) => ({ control: p.values.control, experiment: p.values.experiment })));
    const rows: BenchRow[] = [
      {
        metric: `judge, mixed metrics (median of ${RUNS})`,
        value: `${judgeMs.toFixed(1)} ms`,
        target: '≤ 50 ms',
        note: `transforms, CI + estimate, effect sizes, scores; ${highs} of ${METRICS} metrics not Pass, score ${verdict.score.score}`,
      },
      { metric: 'judge, tie-free continuous series only', value: `${worstMs.toFixed(1)} ms`, target: '≤ 50 ms', note: 'slowest data shape for the rank statistics' },
      { metric: 'foresail-v1 judge, same request as one interval', value: `${foresailMs.toFixed(1)} ms`, target: '≤ 50 ms', note: 'sequential tests, confidence sequences, scores; state out' },
      { metric: 'validating the mixed request (zod)', value: `${parseMs.toFixed(1)} ms`, note: 'not part of the judge time' },
    ];
    if (scipy.ms === undefined) {
      rows.push({ metric: 'scipy mannwhitneyu, same data', value: 'n/a', note: scipy.error ?? 'no timing' });
      return rows;
    }
    rows.push(
      {
        metric: `scipy mannwhitneyu, same data (median of ${RUNS})`,
        value: `${scipy.ms.toFixed(1)} ms`,
        note: `scipy ${scipy.scipy}, Python ${scipy.python}; p-value only (scipy has no CI), one call per metric`,
      },
      {
        metric: 'judge speed vs scipy',
        value: `${(scipy.ms / judgeMs).toFixed(2)}×`,
        target: 'faster than scipy (> 1×)',
        note: scipy.ms > judgeMs ? 'judge is faster' : 'judge is slower',
      },
    );
    return rows;
  },
};
