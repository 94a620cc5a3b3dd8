import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

export const root = path.resolve(import.meta.dirname, '..', '..');
export const resultsDir = path.join(root, '.foresail', 'test-results');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

export interface LayerResult {
  name: string;
  passed: number;
  failed: number;
  seconds: number;
  note?: string;
}

const running = new Set<ReturnType<typeof spawn>>();

/** Forwards an interrupt to the running layer's processes so their own teardown (stopping services) runs. */
export function interruptCurrent(signal: NodeJS.Signals): void {
  for (const child of running) child.kill(signal);
}

/** Runs a command to its end; with `prefix`, each output line is prefixed (two runners share one log). */
function runCommand(command: string, args: string[], env: Record<string, string> = {}, prefix?: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } });
    running.add(child);
    if (prefix) {
      for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]] as const) {
        if (stream) readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => out.write(`${prefix}${line}\n`));
      }
    }
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 130 : 1));
    });
    child.on('error', () => {
      running.delete(child);
      resolve(127);
    });
  });
}

async function timed(name: string, fn: () => Promise<Omit<LayerResult, 'name' | 'seconds'>>): Promise<LayerResult> {
  const started = Date.now();
  process.stdout.write(`\n━━ ${name} ━━\n`);
  const result = await fn();
  return { name, seconds: Math.round((Date.now() - started) / 100) / 10, ...result };
}

/** A layer that is one check (lint, typecheck, build): 1 passed or 1 failed. */
export function commandLayer(name: string, command: string, args: string[], env?: Record<string, string>): Promise<LayerResult> {
  return timed(name, async () => {
    const code = await runCommand(bin(command), args, env);
    return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `exit code ${code}` };
  });
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTestSuites: number;
  numFailedTestSuites: number;
}

export function vitestLayer(name: string, project: string): Promise<LayerResult> {
  return timed(name, async () => {
    const report = path.join(resultsDir, `${project}.json`);
    fs.rmSync(report, { force: true });
    const code = await runCommand(bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
    if (!fs.existsSync(report)) return { passed: 0, failed: 1, note: `no report (exit code ${code})` };
    const data = JSON.parse(fs.readFileSync(report, 'utf8')) as VitestReport;
    // A file that fails to load or a failing global setup has no failed *tests*: count it anyway.
    const brokenFiles = data.numFailedTests === 0 ? data.numFailedTestSuites : 0;
    const failed = data.numFailedTests + brokenFiles + (code !== 0 && data.numFailedTests === 0 && brokenFiles === 0 ? 1 : 0);
    return { passed: data.numPassedTests, failed, note: code !== 0 && failed === 1 && data.numFailedTests === 0 ? `exit code ${code}` : undefined };
  });
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: unknown[];
}

/** One Playwright run (a part of the e2e layer, see playwright.config.ts) and what its JSON report counts. */
async function playwrightPart(part: 'story' | 'rest'): Promise<Omit<LayerResult, 'name' | 'seconds'>> {
  const report = path.join(resultsDir, `e2e-${part}.json`);
  fs.rmSync(report, { force: true });
  const code = await runCommand(bin('playwright'), ['test'], { FORESAIL_E2E_PART: part }, `[${part}] `);
  if (!fs.existsSync(report)) return { passed: 0, failed: 1, note: `${part}: no report (exit code ${code})` };
  const data = JSON.parse(fs.readFileSync(report, 'utf8')) as PlaywrightReport;
  // Flaky counts as failed: a test that needed a retry is not a pass. Global errors count once.
  const failed = data.stats.unexpected + data.stats.flaky + (data.errors?.length ? 1 : 0);
  return { passed: data.stats.expected, failed: failed === 0 && code !== 0 ? 1 : failed, note: failed === 0 && code !== 0 ? `${part}: exit code ${code}` : undefined };
}

/**
 * The e2e layer as two Playwright runs side by side: the story suite (a demo world of its own, which
 * spends most of its ~7 minutes waiting for canary intervals) and every other spec (one shared world).
 * Serially they took 13 minutes of a 30-minute run; side by side, the longer of the two.
 */
export function playwrightLayer(name: string): Promise<LayerResult> {
  return timed(name, async () => {
    const parts = await Promise.all([playwrightPart('story'), playwrightPart('rest')]);
    const notes = parts.map((p) => p.note).filter((n): n is string => n !== undefined);
    return { passed: parts.reduce((n, p) => n + p.passed, 0), failed: parts.reduce((n, p) => n + p.failed, 0), note: notes.length > 0 ? notes.join('; ') : undefined };
  });
}
