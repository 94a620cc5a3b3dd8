import { describe, expect, it } from 'vitest';
import { encodeWriteRequest } from './remote-write-proto.ts';

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('encodeWriteRequest', () => {
  it('encodes one series with one sample byte for byte', () => {
    const label = [0x0a, 8, ...ascii('__name__'), 0x12, 1, ...ascii('a')]; // Label{name, value}
    // Sample{value: 2.0 as little-endian double, timestamp: 300 as varint 0xac 0x02}
    const sample = [0x09, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x10, 0xac, 0x02];
    const series = [0x0a, label.length, ...label, 0x12, sample.length, ...sample];
    expect([...encodeWriteRequest([{ labels: { __name__: 'a' }, samples: [[300, 2]] }])]).toEqual([
      0x0a,
      series.length,
      ...series,
    ]);
  });

  it('sorts labels by name and samples by time, as remote write requires', () => {
    const sorted = encodeWriteRequest([{ labels: { __name__: 'm', b: '2', a: '1' }, samples: [[1, 1], [2, 2]] }]);
    const unsorted = encodeWriteRequest([{ labels: { b: '2', a: '1', __name__: 'm' }, samples: [[2, 2], [1, 1]] }]);
    expect(unsorted).toEqual(sorted);
  });

  it('encodes millisecond timestamps beyond 32 bits', () => {
    const bytes = encodeWriteRequest([{ labels: { __name__: 'a' }, samples: [[1_700_000_000_123, 0]] }]);
    // The timestamp is the last field: decode its varint from the tail.
    const start = bytes.lastIndexOf(0x10) + 1;
    let value = 0;
    for (let i = bytes.length - 1; i >= start; i--) value = value * 128 + ((bytes[i] ?? 0) & 0x7f);
    expect(value).toBe(1_700_000_000_123);
  });

  it('rejects timestamps it cannot encode', () => {
    expect(() => encodeWriteRequest([{ labels: { __name__: 'a' }, samples: [[-1, 0]] }])).toThrow(RangeError);
    expect(() => encodeWriteRequest([{ labels: { __name__: 'a' }, samples: [[1.5, 0]] }])).toThrow(RangeError);
  });
});
