/**
 * `npm run bench [-- ID...]`: prints the figures the issues ask for, measured on this machine
 * against the real services. Never pass/fail: a table to read and to quote in notes.
 */
import os from 'node:os';
import { demoWorldBench } from './demo-world';
import { editorBench } from './editor';
import { engineLatencyBench, engineThroughputBench } from './engine';
import { executionsListBench } from './executions-list';
import { executionPageBench } from './execution-page';
import { fanoutBench } from './fanout';
import { gitopsSyncBench } from './gitops-sync';
import { judgeBench } from './judge';
import { judgeQualityBench } from './judge-quality';
import { kubernetesApplyBench } from './kubernetes-apply';
import { memoryBench } from './memory';
import { pagesBench } from './pages';
import { pipelineSaveBench } from './pipeline-save';
import { scaleBench } from './scale';
import { startupBench } from './startup';
import { storyBench } from './story';
import type { Bench, BenchRow } from './types';

const benches: Bench[] = [startupBench, memoryBench, pipelineSaveBench, editorBench, engineLatencyBench, engineThroughputBench, judgeBench, judgeQualityBench, executionPageBench, executionsListBench, fanoutBench, pagesBench, kubernetesApplyBench, scaleBench, demoWorldBench, gitopsSyncBench, storyBench];

const wanted = process.argv.slice(2);
const selected = wanted.length > 0 ? benches.filter((b) => wanted.includes(b.id)) : benches;
if (selected.length === 0) {
  process.stderr.write(`Unknown bench. Available: ${benches.map((b) => b.id).join(', ')}\n`);
  process.exit(2);
}

process.stdout.write(`Foresail benchmarks — ${new Date().toISOString()} — ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
let failures = 0;
for (const bench of selected) {
  process.stdout.write(`\n## ${bench.title} (${bench.id})\n`);
  let rows: BenchRow[];
  try {
    rows = await bench.run();
  } catch (err) {
    failures += 1;
    process.stdout.write(`  failed: ${err instanceof Error ? err.message : String(err)}\n`);
    continue;
  }
  const width = Math.max(...rows.map((r) => r.metric.length));
  for (const row of rows) {
    const extra = [row.target ? `target ${row.target}` : '', row.note ?? ''].filter(Boolean).join('; ');
    process.stdout.write(`  ${row.metric.padEnd(width)}  ${row.value.padStart(10)}${extra ? `   (${extra})` : ''}\n`);
  }
}
process.exit(failures > 0 ? 1 : 0);
