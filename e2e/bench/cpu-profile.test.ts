import { describe, expect, it } from 'vitest';
import { summariseCpuProfile, type CpuProfile } from './cpu-profile';

const frame = (functionName: string, url = '') => ({ functionName, url });

// root → handler (lib/http) → principalFromToken (auth) → query (pg);  handler → stringify;  (idle);  (garbage collector);
// a function named like an Object.prototype member is not mistaken for V8's special nodes
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 6, 7, 8, 9] },
    { id: 2, callFrame: frame('apiRoute', 'file:///app/lib/http.ts'), children: [3, 5] },
    { id: 3, callFrame: frame('principalFromToken', 'file:///app/lib/auth/session.ts'), children: [4] },
    { id: 4, callFrame: frame('query', 'file:///app/node_modules/pg/lib/client.js') },
    { id: 5, callFrame: frame('stringify') },
    { id: 6, callFrame: frame('(idle)') },
    { id: 7, callFrame: frame('(garbage collector)') },
    { id: 8, callFrame: frame('toString', 'file:///app/lib/other.ts') },
    { id: 9, callFrame: frame('post', 'node:inspector') },
  ],
  samples: [3, 4, 4, 5, 6, 6, 6, 7, 2, 8, 9],
  timeDeltas: [1000, 1000, 1000, 2000, 50_000, 50_000, 50_000, 500, 1500, 250, 9000],
};

describe('summariseCpuProfile', () => {
  it('puts each busy sample in the first bucket its stack matches, leaving idle time and the profiler out', () => {
    const { busyMs, buckets } = summariseCpuProfile(profile);
    expect(busyMs).toBeCloseTo(7.25);
    const ms = Object.fromEntries(buckets.map((b) => [b.bucket.split(' ')[0], b.ms]));
    // The query sent during the token check is SQL; the token check keeps its own frame's sample.
    expect(buckets.find((b) => b.bucket.startsWith('SQL: pg'))?.ms).toBeCloseTo(2);
    expect(ms.token).toBeCloseTo(1);
    expect(ms.serialisation).toBeCloseTo(2);
    expect(ms.garbage).toBeCloseTo(0.5);
    expect(ms['HTTP:']).toBeCloseTo(1.5);
    expect(ms.other).toBeCloseTo(0.25);
    expect(summariseCpuProfile(profile).hottest[0]).toEqual({ frame: 'query (pg/lib/client.js)', ms: 2 });
    expect(buckets.map((b) => b.ms)).toEqual([...buckets.map((b) => b.ms)].sort((a, b) => b - a));
  });
});
