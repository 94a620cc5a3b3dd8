import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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

let current: ReturnType<typeof spawn> | undefined;

/** Forwards an interrupt to the running layer so its own teardown (stopping services) runs. */
export function interruptCurrent(signal: NodeJS.Signals): void {
  current?.kill(signal);
}

function runCommand(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    current = child;
    child.on('exit', (code, signal) => {
      current = undefined;
      resolve(code ?? (signal ? 130 : 1));
    });
    child.on('error', () => resolve(127));
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

export function playwrightLayer(name: string): Promise<LayerResult> {
  return timed(name, async () => {
    const report = path.join(resultsDir, 'e2e.json');
    fs.rmSync(report, { force: true });
    const code = await runCommand(bin('playwright'), ['test']);
    if (!fs.existsSync(report)) return { passed: 0, failed: 1, note: `no report (exit code ${code})` };
    const data = JSON.parse(fs.readFileSync(report, 'utf8')) as PlaywrightReport;
    // Flaky counts as failed: a test that needed a retry is not a pass. Global errors count once.
    const failed = data.stats.unexpected + data.stats.flaky + (data.errors?.length ? 1 : 0);
    return { passed: data.stats.expected, failed: failed === 0 && code !== 0 ? 1 : failed };
  });
}
