/**
 * `npm test`: everything, against real services, in one command — installs missing Debian packages,
 * then lint, typecheck, unit, integration (global setup starts PostgreSQL, OpenLDAP, Prometheus and
 * the local Kubernetes clusters), the production build, reliability, and e2e in Chromium. The last line is
 * `N passed, N failed` across all layers; the exit code is non-zero if anything failed.
 */
import fs from 'node:fs';
import { ensureAptPackages, testWorldAptPackages } from '../../lib/world/apt';
import { commandLayer, interruptCurrent, playwrightLayer, resultsDir, vitestLayer, type LayerResult } from './layers';

const aptPackages = ['chromium', ...testWorldAptPackages];

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = true;
    interruptCurrent(signal);
  });
}

fs.mkdirSync(resultsDir, { recursive: true });
process.env.LOG_LEVEL ??= 'warn';
process.env.NEXT_TELEMETRY_DISABLED = '1';
const started = Date.now();
const results: LayerResult[] = [];

try {
  await ensureAptPackages(aptPackages);
  results.push({ name: 'apt packages', passed: 1, failed: 0, seconds: 0 });
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  results.push({ name: 'apt packages', passed: 0, failed: 1, seconds: 0, note: 'missing Debian packages' });
}

const layers: (() => Promise<LayerResult>)[] = [
  () => commandLayer('lint', 'eslint', ['--max-warnings=0', '.']),
  () => commandLayer('typecheck', 'tsc', ['--noEmit', '-p', 'tsconfig.json']),
  () => vitestLayer('unit', 'unit'),
  () => vitestLayer('integration', 'integration'),
  // Before reliability: those tests run the real `foresail start`, which serves the production build.
  () => commandLayer('build', 'next', ['build']),
  () => vitestLayer('reliability', 'reliability'),
];
for (const layer of layers) {
  if (interrupted) break;
  results.push(await layer());
}
const built = results.find((r) => r.name === 'build');
if (!interrupted) {
  if (built?.failed === 0) results.push(await playwrightLayer('e2e'));
  else results.push({ name: 'e2e', passed: 0, failed: 1, seconds: 0, note: 'skipped: the production build failed' });
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0) + (interrupted ? 1 : 0);
process.stdout.write('\n━━ summary ━━\n');
for (const r of results) {
  process.stdout.write(`${r.name.padEnd(14)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${String(r.seconds).padStart(7)} s${r.note ? `  (${r.note})` : ''}\n`);
}
if (interrupted) process.stdout.write('interrupted\n');
process.stdout.write(`total time ${Math.round((Date.now() - started) / 1000)} s\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
