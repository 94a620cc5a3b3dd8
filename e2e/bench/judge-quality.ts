/**
 * `npm run bench -- judge-quality`: how often each judge is right, side by side, on the same
 * simulated canaries (seeded: the same figures on every run). Per scenario and judge: the
 * canary-level false-fail rate (A/A: identical versions) or the detection rate and median time to
 * detection in intervals (A/B: a real regression), over JUDGE_QUALITY_RUNS canaries (default 1,000),
 * each decided as the kayentaCanary stage decides (runAnalysis: early stop at or below marginal,
 * the last interval against pass; thresholds pass 95, marginal 75).
 */
import { runAnalysis, type IntervalData } from '../../lib/canary/analysis/run-intervals';
import { canaryConfigSchema, seededRandom, type MetricSetPair } from '../../lib/canary/stats';
import { INTERVALS, scenarios, STEPS_PER_INTERVAL, type Scenario, type Series } from './judge-scenarios';
import type { Bench, BenchRow } from './types';

const THRESHOLDS = { pass: 95, marginal: 75 };

function pairs(series: readonly Series[], from: number, to: number): MetricSetPair[] {
  return series.map((s, i) => ({ id: `${s.name}#${i}`, name: s.name, tags: s.tags, values: { control: s.control.slice(from, to), experiment: s.experiment.slice(from, to) } }));
}

export interface ScenarioFigures {
  scenario: Scenario;
  runs: number;
  kayenta: { failed: number; decidedAt: number[] };
  foresail: { failed: number; decidedAt: number[] };
}

/** Runs one scenario's canaries through both judges on the same simulated data. */
export function measureScenario(scenario: Scenario, runs: number, seed: number): ScenarioFigures {
  const kayentaConfig = canaryConfigSchema.parse(scenario.kayenta);
  const foresailConfig = canaryConfigSchema.parse(scenario.foresail);
  const figures: ScenarioFigures = { scenario, runs, kayenta: { failed: 0, decidedAt: [] }, foresail: { failed: 0, decidedAt: [] } };
  const random = seededRandom(seed);
  for (let run = 0; run < runs; run++) {
    const sim = scenario.simulate(random);
    const steps = scenario.stepsPerInterval ?? STEPS_PER_INTERVAL;
    const intervals = (series: readonly Series[]): IntervalData[] =>
      Array.from({ length: INTERVALS }, (_, k) => ({ window: pairs(series, 0, (k + 1) * steps), segment: pairs(series, k * steps, (k + 1) * steps), canaryTrafficShare: sim.canaryShare?.[k] }));
    for (const [judge, config, series] of [['kayenta', kayentaConfig, sim.kayenta], ['foresail', foresailConfig, sim.foresail]] as const) {
      const outcome = runAnalysis(config, THRESHOLDS, intervals(series), { confidenceSequences: false });
      if (!outcome.passed) {
        figures[judge].failed++;
        figures[judge].decidedAt.push(outcome.decidedAt);
      }
    }
  }
  return figures;
}

const percent = (k: number, n: number) => `${((100 * k) / n).toFixed(1)} %`;
function medianOf(values: number[]): string {
  if (values.length === 0) return '—';
  const sorted = [...values].sort((a, b) => a - b);
  return String(sorted[Math.floor((sorted.length - 1) / 2)]);
}

/** The README table row of one scenario: rate and median intervals to detect, per judge. */
export function tableRow(f: ScenarioFigures): string {
  const cell = (j: ScenarioFigures['kayenta']) => (f.scenario.regression ? `${percent(j.failed, f.runs)} · ${medianOf(j.decidedAt)}` : percent(j.failed, f.runs));
  return `| ${f.scenario.title} | ${f.scenario.regression ? 'detected · median interval' : 'false fail'} | ${cell(f.kayenta)} | ${cell(f.foresail)} |`;
}

export const judgeQualityBench: Bench = {
  id: 'judge-quality',
  title: 'Canary judgment quality: NetflixACAJudge-v1.0 vs foresail-v1, same simulated canaries',
  async run(): Promise<BenchRow[]> {
    const runs = Number(process.env.JUDGE_QUALITY_RUNS ?? 1_000);
    const only = process.env.JUDGE_QUALITY_SCENARIOS?.split(',');
    const rows: BenchRow[] = [];
    const table: string[] = ['| scenario | figure | NetflixACAJudge-v1.0 | foresail-v1 |', '|---|---|---|---|'];
    for (const [i, scenario] of scenarios.entries()) {
      if (only && !only.includes(scenario.id)) continue;
      const started = performance.now();
      const f = measureScenario(scenario, runs, 1_000 + i);
      table.push(tableRow(f));
      const what = scenario.regression ? 'detected' : 'false fail';
      rows.push({
        metric: `${scenario.id}: ${what}, Kayenta | foresail`,
        value: `${percent(f.kayenta.failed, runs)} | ${percent(f.foresail.failed, runs)}`,
        note: `${scenario.title}${scenario.regression ? `; median interval ${medianOf(f.kayenta.decidedAt)} | ${medianOf(f.foresail.decidedAt)}` : ''}; ${runs} canaries, ${((performance.now() - started) / 1000).toFixed(1)} s`,
      });
    }
    process.stdout.write(`\n${table.join('\n')}\n\n`);
    return rows;
  },
};
