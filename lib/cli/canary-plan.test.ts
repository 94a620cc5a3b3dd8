import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCanaryPlan } from './canary-plan';

const T0 = Date.parse('2026-03-01T12:00:00Z');

async function run(args: string[], stdinText: string): Promise<{ code: number; out: string; err: string }> {
  const collect = () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const out = collect();
  const err = collect();
  const code = await runCanaryPlan(args, Readable.from([stdinText]), out.stream, err.stream, T0);
  return { code, out: out.text(), err: err.text() };
}

const stage = { type: 'kayentaCanary', analysisType: 'realTime', canaryConfig: { canaryConfigId: 'c', lifetimeDuration: 'PT1H', canaryAnalysisIntervalMins: '20', beginCanaryAnalysisAfterMins: '5', scopes: [{ controlScope: 'b', experimentScope: 'c' }] } };

describe('foresail canary-plan', () => {
  it('plans a bare stage from stdin starting now, numbers written as strings', async () => {
    const { code, out, err } = await run([], JSON.stringify(stage));
    expect(err).toBe('');
    expect(code).toBe(0);
    const plan = JSON.parse(out) as { intervals: { canary: { startMs: number; endMs: number } }[]; steps: { name: string }[] };
    expect(plan.steps.map((s) => s.name)).toStrictEqual(['Warmup Wait', 'Interval Wait #1', 'Run Canary #1', 'Interval Wait #2', 'Run Canary #2', 'Interval Wait #3', 'Run Canary #3']);
    expect(plan.intervals.map((i) => (i.canary.endMs - T0) / 60_000)).toStrictEqual([25, 45, 65]);
  });

  it('takes --start over the request start time', async () => {
    const { code, out } = await run(['--start', '2026-03-02T00:00:00Z'], JSON.stringify({ stage, startTime: T0 }));
    expect(code).toBe(0);
    expect((JSON.parse(out) as { startMs: number }).startMs).toBe(Date.parse('2026-03-02T00:00:00Z'));
  });

  it('exits 2 for an analysis beyond the bounds, naming the field', async () => {
    const huge = { ...stage, canaryConfig: { ...stage.canaryConfig, lifetimeDuration: 'P100000D', canaryAnalysisIntervalMins: '1' } };
    const { code, out, err } = await run([], JSON.stringify(huge));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/stage\.canaryConfig\.lifetimeDuration: must be at most 30 days/);
  });

  it('exits 2 naming the bad field', async () => {
    const bad = { ...stage, canaryConfig: { ...stage.canaryConfig, lifetimeDuration: 'forever' } };
    const { code, out, err } = await run([], JSON.stringify(bad));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('stage.canaryConfig.lifetimeDuration: must be an ISO-8601 duration');
    expect((await run(['--verbose'], '{}')).code).toBe(2);
    expect((await run([], '{ nope')).err).toMatch(/^Cannot read stdin as JSON/);
  });
});
