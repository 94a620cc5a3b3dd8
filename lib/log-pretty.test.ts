import { describe, expect, it } from 'vitest';
import { resolveLogFormat } from './log';
import { formatPretty } from './log-pretty';

const line = (event: Record<string, unknown>) => JSON.stringify({ level: 30, time: '2026-12-07T10:11:12.345Z', pid: 42, service: 'foresail', ...event });

describe('pretty log lines', () => {
  it('puts the message first, then the process and the fields, on one line', () => {
    const text = formatPretty(line({ component: 'supervisor', msg: 'embedded PostgreSQL ready', port: 5432, dataDir: '/data/my folder' }), false);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toMatch(/^\d\d:\d\d:\d\d\.345 {2}INFO {3}embedded PostgreSQL ready {2}foresail\/supervisor {2}port=5432 dataDir="\/data\/my folder"\n$/);
    expect(text).not.toContain('pid=');
  });

  it('colours the level only when asked', () => {
    const error = line({ level: 50, msg: 'PostgreSQL stopped unexpectedly', err: { message: 'boom', stack: 'Error: boom\n    at x' } });
    expect(formatPretty(error, false)).not.toContain('\x1b[');
    const coloured = formatPretty(error, true);
    expect(coloured).toContain('\x1b[31mERROR\x1b[0m');
    expect(coloured).toContain('err="boom"');
  });

  it('keeps the first line of a multi-line message and passes non-JSON output through', () => {
    expect(formatPretty(line({ msg: 'Failed task 7 with error boom:\n  at a\n  at b' }), false)).toContain('Failed task 7 with error boom:  foresail');
    expect(formatPretty('plain text from a library', false)).toBe('plain text from a library\n');
    expect(formatPretty(line({ msg: 'Completed task', job: { payload: 'x'.repeat(500) } }), false).length).toBeLessThan(220);
  });

  it('defaults to pretty on a terminal and JSON elsewhere; LOG_FORMAT decides when set', () => {
    expect(resolveLogFormat({}, true)).toBe('pretty');
    expect(resolveLogFormat({}, false)).toBe('json');
    expect(resolveLogFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(resolveLogFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
  });
});
