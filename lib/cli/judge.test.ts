import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runJudge } from './judge';

const fixture = path.resolve(import.meta.dirname, '../../e2e/fixtures/canary/judge-request.json');

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function run(args: string[], stdinText = ''): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await runJudge(args, Readable.from([stdinText]), out.stream, err.stream);
  return { code, out: out.text(), err: err.text() };
}

describe('foresail judge', () => {
  it('judges the file given with --input and prints JSON', async () => {
    const { code, out, err } = await run(['--input', fixture]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out) as { score: { score: number; classification: string }; results: unknown[] };
    expect(result.score).toMatchObject({ score: 50, classification: 'Marginal' });
    expect(result.results).toHaveLength(4);
  });

  it('reads stdin when no file is given (and --input=FILE works too)', async () => {
    const fromStdin = await run([], readFileSync(fixture, 'utf8'));
    const fromFile = await run([`--input=${fixture}`]);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.out).toBe(fromFile.out);
  });

  it('exits 2 naming the bad field', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'judge-'));
    const file = path.join(dir, 'bad.json');
    const raw = JSON.parse(readFileSync(fixture, 'utf8')) as { metricSetPairs: Array<{ values: { control: unknown[] } }> };
    raw.metricSetPairs[2]!.values.control[17] = 'fast';
    writeFileSync(file, JSON.stringify(raw));
    const { code, out, err } = await run(['--input', file]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('metricSetPairs[2].values.control[17]: must be a number');
  });

  it('exits 2 on unreadable files, bad JSON and unknown arguments', async () => {
    expect((await run(['--input', '/nonexistent/x.json'])).err).toMatch(/^Cannot read \/nonexistent\/x.json/);
    const badJson = await run([], '{ not json');
    expect(badJson.code).toBe(2);
    expect(badJson.err).toMatch(/^stdin is not valid JSON/);
    const unknown = await run(['--verbose']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown argument: --verbose');
    expect((await run(['--input'])).code).toBe(2);
  });

  it('prints usage for --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('judge [--input FILE]');
  });

  it('runs foresail-v1 when the config names it and prints the state for the next interval', async () => {
    const request = JSON.parse(readFileSync(fixture, 'utf8')) as { config: Record<string, unknown> };
    const { code, out } = await run([], JSON.stringify({ ...request, config: { ...request.config, judge: { name: 'foresail-v1', judgeConfigurations: {} } } }));
    expect(code).toBe(0);
    const result = JSON.parse(out) as { judgeName: string; sequential: { look: number; state: { judge: string } } };
    expect(result.judgeName).toBe('foresail-v1');
    expect(result.sequential.look).toBe(1);
    expect(result.sequential.state.judge).toBe('foresail-v1');
  });
});
