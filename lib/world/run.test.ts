import { describe, expect, it } from 'vitest';
import { run } from './run';

describe('run', () => {
  it('survives children that exit before reading a large input (EPIPE is not a crash)', async () => {
    const input = 'x'.repeat(4 * 1024 * 1024);
    for (let i = 0; i < 25; i++) {
      const [ok, failed] = await Promise.all([run('true', [], { input }), run('false', [], { input })]);
      expect(ok.code).toBe(0);
      expect(failed.code).toBe(1);
    }
  }, 120_000); // 50 processes: generous for a busy machine, the test is about crashing, not speed

  it('passes input to a child that reads it', async () => {
    const result = await run('wc', ['-c'], { input: 'hello\n' });
    expect(result).toMatchObject({ code: 0, stdout: '6\n' });
  });

  it('gives a child without input an empty stdin, so it never waits', async () => {
    const result = await run('cat', []);
    expect(result).toMatchObject({ code: 0, stdout: '' });
  });
});
